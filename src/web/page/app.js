"use strict";
// the page of apollo-csv serve (a first version: the state only)
fetch("/api/state").then((r) => r.json()).then((s) => {
	document.getElementById("status").textContent = "apollo-csv " + s.version;
});
