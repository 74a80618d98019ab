/*
 * app.js - the page of `apollo-csv serve`: five sections (start, mapping,
 * what to do, running, done), only the current one shown.
 *
 * The server holds every piece of state (the file, the check, the run), so
 * the page keeps only what a section is showing: a reload asks GET
 * /api/state and comes back where it was. Every control is a plain form
 * element with a <label>; the CSP allows no inline script or style, so all
 * behaviour is bound here and all looks are classes in app.css. Every
 * request that changes something carries X-Apollo-CSV: 1 (the server's
 * CSRF check), and every 4xx's "error" is shown in the section's alert box.
 */
'use strict';

const SECTIONS = ['start', 'mapping', 'todo', 'running', 'done'];
const POLL_MS = 500;
const ATTENTION_LIMIT = 1000;

/* What the page is showing; the server's replies are kept as they came. */
const page = {
	state: null,            // GET /api/state
	check: null,            // the last CHECK
	checkSeq: 0,            // only the newest /api/check reply is drawn
	team: null,             // GET /api/team, once per load
	teamAsked: false,
	run: null,              // the last RUN
	pollTimer: 0,
	attention: { header: [], rows: [], sortColumn: -1, sortUp: true },
};

const $ = (id) => document.getElementById(id);

/* ---------- talking to the server ---------- */

/* api: one request; resolves to the reply's JSON, rejects with an Error
 * whose message is the server's "error" (or what went wrong on the way). */
async function api(method, path, body, headers) {
	const init = { method, headers: Object.assign({}, headers || {}), credentials: 'same-origin' };
	if (method !== 'GET' && method !== 'HEAD')
		init.headers['X-Apollo-CSV'] = '1';
	if (body instanceof Blob) {
		init.body = body;
	} else if (body !== undefined) {
		init.headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	let reply;
	try {
		reply = await fetch(path, init);
	} catch (e) {
		throw new Error('apollo-csv serve does not answer (was it stopped?): ' + e.message);
	}
	const text = await reply.text();
	let data = null;
	try {
		data = text ? JSON.parse(text) : null;
	} catch (e) {
		data = null;
	}
	if (!reply.ok)
		throw new Error((data && data.error) || plainWords(text) || ('HTTP ' + reply.status));
	return data;
}

/* A reply that is not JSON (the 403 page for a lost session is HTML) is
 * shown by its words, not its tags. */
function plainWords(text) {
	const doc = new DOMParser().parseFromString(text, 'text/html');
	return (doc.body ? doc.body.textContent : text).replace(/\s+/g, ' ').trim().slice(0, 400);
}

/* ---------- small helpers ---------- */

function showError(box, message) {
	box.textContent = message;
	box.hidden = false;
}

function clearError(box) {
	box.textContent = '';
	box.hidden = true;
}

function thousands(n) {
	return Number(n).toLocaleString('en-US');
}

/* As the command line's progress bar writes a duration: 0m42s, 1h05m. */
function duration(seconds) {
	const s = Math.round(seconds);
	if (s >= 3600)
		return Math.floor(s / 3600) + 'h' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + 'm';
	return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
}

/* A word as a POSIX shell would read it back unchanged. */
function shellQuote(word) {
	if (word === '')
		return "''";
	if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word))
		return word;
	return "'" + word.replace(/'/g, "'\\''") + "'";
}

function element(tag, text, className) {
	const e = document.createElement(tag);
	if (text !== undefined && text !== null)
		e.textContent = text;
	if (className)
		e.className = className;
	return e;
}

function fillOptions(select, values, current) {
	select.replaceChildren();
	for (const [value, text] of values) {
		const option = element('option', text);
		option.value = value;
		select.append(option);
	}
	select.value = current;
}

/* ---------- sections ---------- */

function showSection(name) {
	if (name !== 'running')
		document.title = 'apollo-csv';
	for (const id of SECTIONS)
		$(id).hidden = id !== name;
	for (const li of $('steps').children) {
		if (li.dataset.section === name)
			li.setAttribute('aria-current', 'step');
		else
			li.removeAttribute('aria-current');
	}
	if (name !== 'running')
		stopPolling();
	// the heading takes the focus so that a keyboard or screen reader user
	// starts reading the new section at its top
	$(name + '-title').focus();
}

/* The section a reloaded page comes back to, from GET /api/state. */
function sectionForState(state) {
	const run = state.run;
	if (run && (run.state === 'running' || run.state === 'stopping' || run.state === 'stopped'))
		return 'running';
	if (run)
		return 'done';
	if (state.file && state.check && state.check.mapping)
		return 'mapping';
	return 'start';
}

async function load() {
	bindControls();
	try {
		page.state = await api('GET', '/api/state');
	} catch (e) {
		showError($('page-error'), e.message);
		showSection('start');
		return;
	}
	$('apollo-where').textContent = (page.state.apollo ? 'Apollo: ' + page.state.apollo + ' \u00b7 ' : '') +
		'runs kept in ' + page.state.dir;
	drawKeyState(page.state.key);
	drawCurrentFile(page.state.file, page.state.check);
	page.check = page.state.check;
	page.run = page.state.run;
	const section = sectionForState(page.state);
	if (section === 'start' && page.check && !page.check.mapping)
		showError($('start-error'), checkProblem(page.check));
	if (section === 'mapping')
		drawMapping(page.check);
	if (section === 'running' || section === 'done')
		drawRun(page.run);
	if (section === 'running') {
		showSection('running');
		schedulePoll();
	} else if (section === 'done') {
		showDone();
	} else {
		showSection(section);
	}
}

function bindControls() {
	$('key-form').addEventListener('submit', saveKey);
	$('file-input').addEventListener('change', () => {
		if ($('file-input').files.length)
			upload($('file-input').files[0]);
	});
	bindDropZone($('drop-zone'));
	$('use-file-btn').addEventListener('click', useCurrentFile);
	$('export-contacts-btn').addEventListener('click', () => showTodo('export contacts'));
	$('export-sequences-btn').addEventListener('click', () => showTodo('export sequences'));

	// the columns the user moved by hand stay moved under another profile
	$('profile-select').addEventListener('change', () => recheck(page.check ? page.check.map : {}));
	$('mapping-table').addEventListener('change', fieldChanged);
	$('mapping-back').addEventListener('click', () => showSection('start'));
	$('mapping-reset').addEventListener('click', () => recheck({}, ''));
	$('mapping-next').addEventListener('click', () => showTodo(null));

	describeByFlags();
	$('command').addEventListener('change', () => drawCommand());
	$('todo').addEventListener('input', drawCommandLine);
	$('todo').addEventListener('change', drawCommandLine);
	$('todo-back').addEventListener('click', todoBack);
	$('run-btn').addEventListener('click', startRun);

	$('stop-btn').addEventListener('click', stopRun);
	$('resume-btn').addEventListener('click', () => resumeRun($('running-error')));
	$('stopped-done-btn').addEventListener('click', showDone);
	$('resume-done-btn').addEventListener('click', () => resumeRun($('done-error')));
	$('new-run-btn').addEventListener('click', newRun);
	$('attention-filter').addEventListener('input', drawAttention);
	$('attention-table').addEventListener('click', sortAttention);
}

/* A screen reader reads, after a field's label, the part of the command
 * line it gives. */
function describeByFlags() {
	for (const field of document.querySelectorAll('.command-options [data-option]')) {
		const flag = field.closest('.option').querySelector('.option-flag');
		flag.id = 'flag-' + field.id;
		field.setAttribute('aria-describedby', flag.id);
	}
}

/* ---------- start ---------- */

function drawKeyState(key) {
	const words = { APOLLO_API_KEY: 'from APOLLO_API_KEY', 'config file': 'from the config file' };
	const source = key && key.source;
	$('key-state').textContent = 'API key: ' + (source ? (words[source] || 'from ' + source) : 'not set');
	$('key-form').hidden = !!source;
	// why there is none, or why the one there is refused, in the server's words
	$('key-problem').textContent = (key && key.problem) || '';
	$('key-problem').hidden = !(key && key.problem);
	if (key && key.config_path)
		$('key-config-path').textContent = key.config_path;
}

async function saveKey(event) {
	event.preventDefault();
	const input = $('key-input');
	clearError($('key-error'));
	try {
		const reply = await api('POST', '/api/key', { key: input.value.trim() });
		page.state.key = reply.key;
		drawKeyState(reply.key);
		page.team = null;           // a new key may see another team
		page.teamAsked = false;
	} catch (e) {
		showError($('key-error'), e.message);
	} finally {
		input.value = '';           // the key is never kept in the page
	}
}

/* The file uploaded last, to go on with; not one the check could not read
 * at all (exit status 3), which only another file mends. */
function drawCurrentFile(file, check) {
	$('current-file').hidden = !file || !!(check && !check.mapping && check.exit_status === 3);
	if (file)
		$('current-file-name').textContent = file.name + ' (' + thousands(file.bytes) + ' bytes)';
}

function bindDropZone(zone) {
	zone.addEventListener('dragover', (event) => {
		event.preventDefault();
		zone.classList.add('dragging');
	});
	zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
	zone.addEventListener('drop', (event) => {
		event.preventDefault();
		zone.classList.remove('dragging');
		if (event.dataTransfer.files.length)
			upload(event.dataTransfer.files[0]);
	});
}

/* The raw bytes go as the body; the browser's name only in a header the
 * server uses for the suffix and for messages, never as a path. */
async function upload(file) {
	const state = $('upload-state');
	clearError($('start-error'));
	state.textContent = 'Sending ' + file.name + ' (' + thousands(file.size) + ' bytes) and checking it\u2026';
	try {
		const reply = await api('POST', '/api/upload', file, { 'X-File-Name': encodeURIComponent(file.name) });
		state.textContent = '';
		page.state.file = reply.file;
		page.check = reply.check;
		drawCurrentFile(reply.file, reply.check);
		if (!reply.check || !reply.check.mapping) {
			// a file the check cannot read: its words, on Start, where another is chosen
			showError($('start-error'), checkProblem(reply.check));
			return;
		}
		drawMapping(reply.check);
		showSection('mapping');
	} catch (e) {
		state.textContent = '';
		showError($('start-error'), e.message);
	} finally {
		$('file-input').value = '';
	}
}

/* A file whose last check could not map it is checked again from scratch
 * (the profile chosen from the header, no column moved). */
function useCurrentFile() {
	clearError($('start-error'));
	if (page.check && page.check.mapping) {
		drawMapping(page.check);
		showSection('mapping');
	} else {
		recheck({}, '').then(() => {
			if (page.check && page.check.mapping)
				showSection('mapping');
			else
				showError($('start-error'), checkProblem(page.check));
		});
	}
}

/* Why a check mapped nothing (a file it cannot read, a --map it refuses),
 * in the command's own words: they name the file, row and column. */
function checkProblem(check) {
	if (!check)
		return 'The file has not been checked.';
	const said = (check.messages || []).join('\n');
	return said || check.exit_meaning || 'The check could not read the file.';
}

/* ---------- mapping ---------- */

/* A check that mapped nothing leaves the last good table as it was, so
 * the select that caused it can be put back; Reset starts over. */
function drawMapping(check) {
	if (!check)
		return;
	$('mapping-file').textContent = page.state.file ? page.state.file.name : '';
	$('mapping-reset').hidden = !!check.mapping;
	$('mapping-next').disabled = !check.mapping;
	if (!check.mapping) {
		$('mapping-counts').textContent = '';
		showError($('mapping-error'), checkProblem(check));
		return;
	}
	clearError($('mapping-error'));
	drawProfiles(check);
	drawMappingTable(check);
	drawPreview(check);
	drawCheckMessages(check.messages || []);
}

function drawProfiles(check) {
	const chosen = check.mapping.profile;
	const values = [['', 'chosen from the header (' + chosen + ')']];
	for (const p of check.profiles)
		values.push([p, p]);
	fillOptions($('profile-select'), values, check.format || '');
	const how = { header: 'chosen from the header', format: 'chosen by you' }[check.mapping.chosen_by];
	const why = check.mapping.why || check.mapping.title || '';
	$('profile-why').textContent = 'Profile ' + chosen + (why ? ': ' + why : '') + (how ? ' (' + how + ')' : '');
}

/* One row per column, drawn from every CHECK so that the table shows what
 * the server will use. The rows of the same file are updated in place: the
 * select the user is on keeps the focus, and a test's handle stays good. */
function drawMappingTable(check) {
	const body = $('mapping-table').tBodies[0];
	const columns = check.mapping.columns;
	const same = body.rows.length === columns.length &&
		columns.every((c, i) => body.rows[i].dataset.header === c.header);
	if (!same) {
		body.replaceChildren();
		for (const column of columns)
			body.append(mappingRow(check, column));
		return;
	}
	columns.forEach((column, i) => {
		const tr = body.rows[i];
		setField(tr.querySelector('select.field-select'), column.field || column.custom_field);
		tr.querySelector('td.values').textContent = firstValues(check.preview, column.column - 1);
	});
}

function mappingRow(check, column) {
	const tr = document.createElement('tr');
	tr.dataset.header = column.header;
	const id = 'field-' + column.column;
	const th = element('th');
	th.scope = 'row';
	const label = element('label', column.header);
	label.htmlFor = id;
	th.append(label);

	const select = document.createElement('select');
	select.id = id;
	select.className = 'field-select';
	const values = [['', '(not read)']];
	for (const f of check.fields)
		values.push([f, f]);
	// the team's custom fields, by label (what --map LABEL=HEADER takes),
	// when the server lists them
	for (const c of check.custom_fields || []) {
		const label = typeof c === 'string' ? c : c.label;
		values.push([label, label + ' (custom field)']);
	}
	fillOptions(select, values, '');
	setField(select, column.field || column.custom_field);
	const td = element('td');
	td.append(select);

	tr.append(th, td, element('td', firstValues(check.preview, column.column - 1), 'values'));
	return tr;
}

/* A column's select shows the field the server reads from it; one the
 * server mapped but does not list (a custom field) is added, not lost. */
function setField(select, field) {
	field = field || '';
	if (field && ![...select.options].some((o) => o.value === field))
		select.append(Object.assign(element('option', field), { value: field }));
	select.value = field;
	select.dataset.was = field;
}

/* The first few cells of a column, from the preview (whose first columns
 * are the file's, in order). */
function firstValues(preview, index) {
	if (!preview)
		return '';
	return preview.rows.slice(0, 3).map((row) => row[index]).filter((v) => v).join(' \u00b7 ');
}

/* A column's select moved: the field now comes from this column, and the
 * field it fed before comes from no column, unless the user picks it again. */
function fieldChanged(event) {
	const select = event.target;
	if (!select.classList.contains('field-select'))
		return;
	const header = select.closest('tr').dataset.header;
	const map = Object.assign({}, page.check ? page.check.map : {});
	if (select.dataset.was && select.dataset.was !== select.value)
		map[select.dataset.was] = '';
	if (select.value)
		map[select.value] = header;
	recheck(map);
}

async function recheck(map, format) {
	const seq = ++page.checkSeq;
	clearError($('mapping-error'));
	$('mapping-counts').textContent = 'Checking\u2026';
	if (format === undefined)
		format = $('profile-select').value;
	try {
		const check = await api('POST', '/api/check', { format, map });
		if (seq !== page.checkSeq)
			return;                 // a newer change is on its way
		page.check = check;
		drawMapping(check);
	} catch (e) {
		if (seq !== page.checkSeq)
			return;
		$('mapping-counts').textContent = '';
		showError($('mapping-error'), e.message);
	}
}

/* The preview shows _row, the columns a reader recognises a person by, and
 * the check's verdict; the full row is in the results file. */
function previewColumns(check) {
	const header = check.preview.header;
	const wanted = ['first_name', 'last_name', 'name', 'email', 'organization_name'];
	let picked = check.mapping.columns.filter((c) => wanted.includes(c.field));
	if (!picked.length)
		picked = check.mapping.columns.filter((c) => c.field).slice(0, 3);
	const columns = [{ index: header.indexOf('_row'), title: 'Row' }];
	for (const c of picked)
		columns.push({ index: c.column - 1, title: c.header });
	columns.push({ index: header.indexOf('_status'), title: 'Status', status: true });
	columns.push({ index: header.indexOf('_reason'), title: 'Reason' });
	return columns.filter((c) => c.index >= 0);
}

function drawPreview(check) {
	const table = $('preview-table');
	// the statuses no row has are left out: "270 ready, 15 duplicate, 15 invalid"
	const counts = Object.entries(check.counts || {}).filter(([, n]) => n).map(([k, n]) => thousands(n) + ' ' + k);
	$('mapping-counts').textContent = counts.join(', ') || 'No rows.';
	if (!check.preview) {
		table.tHead.replaceChildren();
		table.tBodies[0].replaceChildren();
		return;
	}
	const columns = previewColumns(check);
	const head = document.createElement('tr');
	for (const c of columns) {
		const th = element('th', c.title);
		th.scope = 'col';
		head.append(th);
	}
	table.tHead.replaceChildren(head);
	const body = table.tBodies[0];
	body.replaceChildren();
	for (const row of check.preview.rows) {
		const tr = document.createElement('tr');
		for (const c of columns)
			tr.append(element('td', row[c.index], c.status ? 'status status-' + row[c.index] : null));
		body.append(tr);
	}
	$('preview-more').hidden = !check.preview.more;
}

function drawCheckMessages(messages) {
	const list = $('mapping-messages');
	list.replaceChildren();
	for (const m of messages)
		list.append(element('li', m));
	if (!messages.length)
		list.append(element('li', 'Nothing: every row can be sent.'));
}

/* ---------- what to do ---------- */

const FILE_COMMANDS = ['import', 'enroll', 'unenroll', 'tasks', 'deals', 'update'];

function showTodo(command) {
	if (command)
		$('command').value = command;
	else if (!page.state.file)
		$('command').value = 'export contacts';
	clearError($('todo-error'));
	drawCommand();
	showSection('todo');
	askTeam();
}

function todoBack() {
	showSection(page.state.file && page.check && page.check.mapping ? 'mapping' : 'start');
}

function drawCommand() {
	const command = $('command').value;
	for (const div of document.querySelectorAll('.command-options'))
		div.hidden = div.dataset.command !== command;
	const file = page.state.file;
	let note = '';
	if (FILE_COMMANDS.includes(command))
		note = file ? 'It reads ' + file.name + '.' : 'It reads a file: choose one on Start first' +
			(command === 'enroll' ? ' (or name a list below).' : '.');
	$('command-file-note').textContent = note;
	drawCommandLine();
}

/* The team's sequences and mailboxes fill the selects; asked once a page
 * load, because it costs API calls. */
async function askTeam() {
	if (page.teamAsked)
		return;
	page.teamAsked = true;
	$('team-state').textContent = 'Asking Apollo for the team\u2019s sequences and mailboxes\u2026';
	try {
		page.team = await api('GET', '/api/team');
		$('team-state').textContent = '';
		drawTeam(page.team);
	} catch (e) {
		page.teamAsked = false;     // the next visit asks again
		$('team-state').textContent = '';
		showError($('todo-error'), 'The team\u2019s sequences and mailboxes could not be read: ' + e.message);
	}
}

function drawTeam(team) {
	const names = team.sequences.map((s) => s.name);
	for (const select of document.querySelectorAll('select.team-sequences')) {
		const first = select.options[0].cloneNode(true);
		select.replaceChildren(first);
		for (const s of sortedActiveFirst(team.sequences)) {
			const option = element('option', s.name + (s.active ? '' : ' (inactive)'));
			// a name two sequences share is sent by id
			if (names.indexOf(s.name) !== names.lastIndexOf(s.name)) {
				option.value = s.id;
				option.dataset.flag = '--sequence-id';
				option.textContent += ' \u2014 ' + s.id;
			} else {
				option.value = s.name;
			}
			select.append(option);
		}
	}
	for (const select of document.querySelectorAll('select.team-mailboxes')) {
		const first = select.options[0].cloneNode(true);
		select.replaceChildren(first);
		for (const m of sortedActiveFirst(team.mailboxes)) {
			const option = element('option', m.email + (m.active ? '' : ' (inactive)'));
			option.value = m.email;
			select.append(option);
		}
	}
	// the list fields suggest the team's lists; any other name makes a new one
	const labels = $('team-labels');
	labels.replaceChildren();
	for (const name of team.labels || [])
		labels.append(Object.assign(element('option'), { value: name }));
	drawCommandLine();
}

function sortedActiveFirst(list) {
	return list.slice().sort((a, b) => (b.active === true) - (a.active === true));
}

/* The options of the chosen command, as POST /api/run takes them:
 * [["--sequence", "Q4"], ["--accounts", null], ...]. A field whose value
 * is its default, or empty, says nothing. */
function chosenOptions() {
	const div = document.querySelector('.command-options[data-command="' + $('command').value + '"]');
	const options = [];
	for (const field of div.querySelectorAll('[data-option]')) {
		const arg = fieldOption(field);
		if (arg)
			options.push(arg);
	}
	return options;
}

function fieldOption(field) {
	if (field.type === 'checkbox') {
		if (!field.checked)
			return null;
		return [field.dataset.option, field.name === 'allow' ? field.value : null];
	}
	const value = field.value.trim();
	if (value === '' || value === field.dataset.default)
		return null;
	const option = field.tagName === 'SELECT' ? field.selectedOptions[0] : null;
	return [(option && option.dataset.flag) || field.dataset.option, value];
}

function argText(arg) {
	return arg[1] === null ? arg[0] : arg[0] + ' ' + shellQuote(arg[1]);
}

/* What a field would add, greyed while it adds nothing: "--allow unverified",
 * "--policy" (its default is said in the select's first words). */
function unusedFlag(field) {
	if (field.type === 'checkbox' && field.name === 'allow')
		return field.dataset.option + ' ' + field.value;
	return field.dataset.option;
}

/* The command line the run equals, and beside each field the part of it
 * that field gives (or its flag, greyed, when it gives nothing). */
function drawCommandLine() {
	const command = $('command').value;
	const div = document.querySelector('.command-options[data-command="' + command + '"]');
	for (const field of div.querySelectorAll('[data-option]')) {
		const flag = field.closest('.option').querySelector('.option-flag');
		const arg = fieldOption(field);
		flag.textContent = arg ? argText(arg) : unusedFlag(field);
		flag.classList.toggle('unused', !arg);
	}
	const words = ['apollo-csv', command];
	const file = page.state && page.state.file;
	const noFile = div.querySelector('[data-no-file]');
	if (FILE_COMMANDS.includes(command) && file && !(noFile && noFile.value.trim()))
		words.push(shellQuote(file.name));
	for (const arg of chosenOptions())
		words.push(argText(arg));
	if (command === 'import' && file)
		for (const arg of mappingOptions(page.check))
			words.push(argText(arg));
	$('command-line').textContent = words.join(' ');
}

/* The mapping chosen on the Mapping page, which the server adds to an
 * import: shown so that the command line is the whole truth. */
function mappingOptions(check) {
	const options = [];
	if (!check)
		return options;
	if (check.format)
		options.push(['--format', check.format]);
	for (const [field, header] of Object.entries(check.map || {}))
		options.push(['--map', field + '=' + header]);
	return options;
}

async function startRun() {
	clearError($('todo-error'));
	$('run-btn').disabled = true;
	try {
		const run = await api('POST', '/api/run', { command: $('command').value, options: chosenOptions() });
		startedRun(run);
	} catch (e) {
		showError($('todo-error'), e.message);
	} finally {
		$('run-btn').disabled = false;
	}
}

function startedRun(run) {
	page.run = run;
	page.attention = { header: [], rows: [], sortColumn: -1, sortUp: true };
	$('messages').textContent = '';
	drawRun(run);
	showSection('running');
	schedulePoll();
}

/* ---------- running ---------- */

function schedulePoll() {
	stopPolling();
	page.pollTimer = setTimeout(poll, POLL_MS);
}

function stopPolling() {
	clearTimeout(page.pollTimer);
	page.pollTimer = 0;
}

/* One poll at a time: the next is set only when this one is answered. */
async function poll() {
	page.pollTimer = 0;
	try {
		page.run = await api('GET', '/api/run');
		clearError($('running-error'));
	} catch (e) {
		showError($('running-error'), e.message);
		schedulePoll();
		return;
	}
	drawRun(page.run);
	if (page.run.state === 'running' || page.run.state === 'stopping')
		schedulePoll();
	else if (page.run.state !== 'stopped')
		showDone();
}

function drawRun(run) {
	if (!run)
		return;
	$('run-command-line').textContent = run.command_line;
	drawProgress(run.progress || {});
	drawRunMessages(run.messages || []);
	const going = run.state === 'running';
	$('stop-btn').hidden = !(going || run.state === 'stopping');
	$('stop-btn').disabled = !going;
	$('resume-btn').hidden = run.state !== 'stopped';
	$('stopped-done-btn').hidden = run.state !== 'stopped';
	const words = {
		running: '',
		stopping: 'Stopping: the requests already sent finish and are written down.',
		stopped: 'Stopped. Resume goes on from the first row not finished; nothing is sent twice.',
	};
	$('run-state').textContent = words[run.state] || '';
}

function drawProgress(p) {
	const bar = $('progress-bar');
	if (p.total) {
		bar.max = p.total;
		bar.value = Math.min(p.done || 0, p.total);
		$('progress-text').textContent = thousands(p.done || 0) + ' of ' + (p.about ? 'about ' : '') +
			thousands(p.total) + ' rows';
	} else {
		bar.removeAttribute('value');   // no total yet: an indeterminate bar
		$('progress-text').textContent = thousands(p.done || 0) + ' rows done';
	}
	// a tab in the background says how far the run is
	document.title = (p.total ? Math.floor(100 * (p.done || 0) / p.total) + '% \u00b7 ' : '') + 'apollo-csv';
	$('stage').textContent = p.stage || '';
	$('eta').textContent = p.eta !== null && p.eta !== undefined ? 'about ' + duration(p.eta) + ' left' : '';
	$('wait').textContent = p.wait || '';
	$('wait').hidden = !p.wait;
	$('run-note').textContent = p.note || '';
	$('run-note').hidden = !p.note;
}

/* The reader who scrolled up to read stays where they are. */
function drawRunMessages(messages) {
	const pre = $('messages');
	const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
	const text = messages.join('\n');
	if (pre.textContent !== text)
		pre.textContent = text;
	if (atEnd)
		pre.scrollTop = pre.scrollHeight;
}

async function stopRun() {
	$('stop-btn').disabled = true;
	try {
		page.run = await api('POST', '/api/stop');
		drawRun(page.run);
		schedulePoll();
	} catch (e) {
		showError($('running-error'), e.message);
		$('stop-btn').disabled = false;
	}
}

async function resumeRun(errorBox) {
	clearError(errorBox);
	try {
		startedRun(await api('POST', '/api/resume'));
	} catch (e) {
		showError(errorBox, e.message);
	}
}

/* ---------- done ---------- */

const STATUS_WORDS = {
	ready: 'ready to send',
	created: 'new contacts made',
	existing: 'already in Apollo',
	updated: 'updated',
	unchanged: 'unchanged',
	duplicate: 'the same as an earlier row',
	invalid: 'cannot be sent (see the reason)',
	failed: 'refused by Apollo',
	unprocessed: 'not sent yet (Resume sends them)',
	found: 'found',
	not_found: 'not found',
};

const SEQUENCE_WORDS = {
	enrolled: 'enrolled',
	already_enrolled: 'already in the sequence',
	skipped: 'skipped by Apollo (reasons below)',
	failed: 'failed',
};

const DOWNLOAD_WORDS = {
	results: 'Results: every row with what happened to it',
	errors: 'Rows that need attention, to fix and send again',
	report: 'Sequence report (CSV)',
	report_html: 'Sequence report (web page)',
	results_xlsx: 'Results as an Excel workbook',
	errors_xlsx: 'Rows that need attention, as an Excel workbook',
	report_xlsx: 'Sequence report as an Excel workbook',
	export: 'The export',
	export_xlsx: 'The export as an Excel workbook',
};

function showDone() {
	drawDone(page.run);
	showSection('done');
	loadAttention(page.run);
}

function drawDone(run) {
	const status = run.exit_status === null || run.exit_status === undefined ? '' : ' (exit status ' + run.exit_status + ')';
	$('exit-meaning').textContent = (run.exit_meaning || run.state) + status;
	$('done-command-line').textContent = run.command_line;
	const summary = run.summary || {};
	// an export has no row statuses: its tables stay hidden, not empty
	$('counts').hidden = !drawCounts($('counts'), summary.status || {}, STATUS_WORDS, 'status');
	$('sequence-counts').hidden = !drawCounts($('sequence-counts'), summary.sequence_status || {},
		SEQUENCE_WORDS, 'sequenceStatus');
	$('api-calls').textContent = summary.api_calls === undefined ? '' :
		'API calls: ' + thousands(summary.api_calls) + ' (' + thousands(summary.retries || 0) +
		' retried after a fault, ' + thousands(summary.rate_limited || 0) + ' answered 429)';
	drawRunProblem(run);
	$('done-messages').textContent = (run.messages || []).join('\n');
	drawSkipReasons(run.skip_reasons || []);
	drawDownloads(run.downloads || []);
	$('resume-done-btn').hidden = !run.resumable;
	// an export reads no rows, so none can need attention
	$('attention-box').hidden = /^export/.test(run.command || '');
}

/* A run that failed (a bad option, a refused key, a file that cannot be
 * read) says why in its errors; they are shown as an alert, as the
 * terminal would have shown them, not left in the messages below. */
function drawRunProblem(run) {
	const box = $('run-problem');
	if (run.state !== 'failed') {
		clearError(box);
		return;
	}
	const said = ((run.summary && run.summary.messages) || []).filter((m) => m.level === 'error').map((m) => m.text);
	const lines = said.length ? said : (run.messages || []).slice(-3);
	showError(box, lines.join('\n') || 'The run failed with no message.');
}

/* Only the statuses that happened, so the table stays short; says how
 * many rows it drew. */
function drawCounts(table, counts, words, key) {
	const body = table.tBodies[0];
	body.replaceChildren();
	for (const [name, n] of Object.entries(counts)) {
		if (!n)
			continue;
		const tr = document.createElement('tr');
		tr.dataset[key] = name;
		const th = element('th', name);
		th.scope = 'row';
		tr.append(th, element('td', thousands(n), 'count'), element('td', words[name] || ''));
		body.append(tr);
	}
	return body.rows.length;
}

function drawSkipReasons(reasons) {
	const list = $('skip-reasons');
	list.replaceChildren();
	$('skip-title').hidden = !reasons.length;
	for (const r of reasons) {
		const li = element('li');
		li.dataset.code = r.code;
		li.append(element('strong', thousands(r.count)), ' ' + (r.words || r.code) + ' ');
		if (r.allow) {
			li.append('\u2014 ', element('code', r.allow), ' would enrol them');
		}
		list.append(li);
	}
}

function drawDownloads(downloads) {
	const list = $('downloads');
	list.replaceChildren();
	for (const d of downloads) {
		const a = element('a', DOWNLOAD_WORDS[d.name] || d.name, 'download');
		a.href = d.href;
		a.dataset.name = d.name;
		a.setAttribute('download', d.file);
		const li = element('li');
		li.append(a, ' ', element('code', d.file));
		list.append(li);
	}
	if (!downloads.length)
		list.append(element('li', 'Nothing was written.'));
}

async function loadAttention(run) {
	const a = page.attention;
	a.header = [];
	a.rows = [];
	a.sortColumn = -1;
	const hasErrors = (run.downloads || []).some((d) => d.name === 'errors');
	if (!hasErrors) {
		drawAttention();
		return;
	}
	$('attention-state').textContent = 'Reading the rows that need attention\u2026';
	try {
		const reply = await api('GET', '/api/rows?name=errors&offset=0&limit=' + ATTENTION_LIMIT);
		a.header = reply.header;
		a.rows = reply.rows;
		a.more = reply.more;
	} catch (e) {
		drawAttention();
		$('attention-state').textContent = 'The rows that need attention could not be read (why is said below).';
		showError($('done-error'), e.message);
		return;
	}
	drawAttention();
}

/* Sorting is numeric when both cells are numbers (_row, _line). */
function compareCells(x, y) {
	const nx = Number(x), ny = Number(y);
	if (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny))
		return nx - ny;
	return String(x).localeCompare(String(y));
}

/* The columns in the order a reader needs them: which row, what happened
 * and why first, then the file's own columns. */
function attentionOrder(header) {
	const first = ['_row', '_status', '_reason'].map((n) => header.indexOf(n)).filter((i) => i >= 0);
	return first.concat(header.map((_, i) => i).filter((i) => !first.includes(i)));
}

function drawAttention() {
	const a = page.attention;
	const table = $('attention-table');
	const order = attentionOrder(a.header);
	const head = document.createElement('tr');
	for (const i of order) {
		const th = element('th');
		th.scope = 'col';
		// a button in the header cell is what a keyboard can press
		const button = element('button', a.header[i], 'sort');
		button.type = 'button';
		button.dataset.column = i;
		th.append(button);
		if (i === a.sortColumn)
			th.setAttribute('aria-sort', a.sortUp ? 'ascending' : 'descending');
		head.append(th);
	}
	table.tHead.replaceChildren(head);

	const filter = $('attention-filter').value.trim().toLowerCase();
	let rows = a.rows;
	if (filter)
		rows = rows.filter((row) => row.some((cell) => String(cell).toLowerCase().includes(filter)));
	if (a.sortColumn >= 0) {
		const i = a.sortColumn, sign = a.sortUp ? 1 : -1;
		rows = rows.slice().sort((r, s) => sign * compareCells(r[i], s[i]));
	}
	const reason = a.header.indexOf('_reason'), status = a.header.indexOf('_status');
	const body = table.tBodies[0];
	body.replaceChildren();
	for (const row of rows) {
		const tr = document.createElement('tr');
		for (const i of order) {
			const className = i === reason ? 'reason' : i === status ? 'status status-' + row[i] : null;
			tr.append(element('td', row[i], className));
		}
		body.append(tr);
	}
	// with no row to show, neither the table nor its filter says anything
	const none = !a.rows.length;
	table.hidden = none;
	$('attention-filter-row').hidden = none;
	if (none) {
		$('attention-state').textContent = 'No row needs attention.';
	} else {
		let words = thousands(rows.length) + ' of ' + thousands(a.rows.length) + ' rows shown';
		if (a.more)
			words += ' (the first ' + thousands(ATTENTION_LIMIT) + '; the errors download has them all)';
		$('attention-state').textContent = words;
	}
}

function sortAttention(event) {
	const button = event.target.closest('button.sort');
	if (!button)
		return;
	const a = page.attention;
	const column = Number(button.dataset.column);
	a.sortUp = a.sortColumn === column ? !a.sortUp : true;
	a.sortColumn = column;
	drawAttention();
	$('attention-table').querySelector('button[data-column="' + column + '"]').focus();
}

function newRun() {
	clearError($('done-error'));
	showSection(page.state.file && page.check && page.check.mapping ? 'mapping' : 'start');
	if (page.state.file && page.check && page.check.mapping)
		drawMapping(page.check);
}

document.addEventListener('DOMContentLoaded', load);
