#!/bin/sh
# A contact bulk_create makes is kept closed until something reads it
# (src/sandbox/made_contacts.h); one made with labels asked for
# (append_label_names, even none) is opened at once. To every reader both
# must be the same contact: the slim item of the reply, the contact
# viewed, found by a search, matched by email or by name + company
# (existing_contacts), and the sandbox's stats, which count them all.
# Each reader meets contacts still closed: a set of five is made closed
# for each, and compared with the same five made opened.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start

cat > closed.py <<'PY'
import json, re, sys, urllib.request
base, key = sys.argv[1], sys.argv[2]

def call(method, path, body=None):
    req = urllib.request.Request(base + "/" + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"x-api-key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        # the members' order counts: kept as lists of pairs
        return json.loads(r.read(), object_pairs_hook=lambda p: p)

def get(pairs, k):
    return dict(pairs)[k]

owner = get(get(call("GET", "users/search"), "users")[0], "id")

def items(s):
    """five contacts of every kind a closed one holds, set s in their emails and names"""
    return [
        {"first_name": "Ada", "last_name": "Shut" + s, "email": "ada.%s@closed-test.com" % s,
         "organization_name": "Shut Co", "title": "CTO", "mobile_phone": "+1 555 0100",
         "direct_phone": "+1 555 0101", "city": "Oslo"},
        {"first_name": "Bo", "last_name": "Shut" + s, "email": "BO.%s@Closed-Test.com" % s, "owner_id": owner,
         "title": ""},
        {"first_name": "Cy", "last_name": "Shut" + s, "organization_name": "Shut Co",
         "linkedin_url": "http://li.test/cy"},
        {"email": "dee.%s@closed-test.com" % s, "time_zone": "Europe/Oslo", "website_url": "http://dee.test",
         "country": "NO"},
        {"first_name": "Ed", "last_name": "Shut" + s, "email": "unverified.ed.%s@closed-test.com" % s,
         "home_phone": "+47 1", "phone": "+47 2"},
    ]

def made(s, opened):
    body = {"run_dedupe": True, "contacts": items(s)}
    if opened:
        body["append_label_names"] = []
    reply = get(call("POST", "contacts/bulk_create", body), "created_contacts")
    if len(reply) != 5:
        sys.exit("set %s: %d contacts made, expected 5" % (s, len(reply)))
    return reply

def clean(c, s):
    """c without its id, times and set s"""
    out = []
    for k, v in c:
        if k in ("id", "created_at", "updated_at"):
            v = "-"
        elif isinstance(v, str):
            v = re.sub(r"(?i)(shut|\.)" + s + r"(\b|@)", r"\1\2", v)
        out.append((k, v))
    return out

def same(what, a, sa, b, sb):
    ca, cb = [clean(c, sa) for c in a], [clean(c, sb) for c in b]
    if not ca or ca != cb:
        sys.exit("%s: a closed contact differs from an opened one\nclosed: %s\nopened: %s" % (what, ca, cb))

opened = made("o", True)
ids = {"o": [get(c, "id") for c in opened]}
for s in "vmns":
    reply = made(s, False)
    same("the slim item", reply, s, opened, "o")
    ids[s] = [get(c, "id") for c in reply]

# viewed: set v still closed, set o opened
view = lambda i: get(call("GET", "contacts/" + i), "contact")
same("viewed", [view(i) for i in ids["v"]], "v", [view(i) for i in ids["o"]], "o")

# and what a closed contact holds, as it holds it
v = [dict(view(i)) for i in ids["v"]]
want = [
    (0, "phone_numbers", [[("raw_number", "+1 555 0101"), ("sanitized_number", "+1 555 0101"),
                           ("type", "work_direct"), ("position", 0), ("status", "no_status")],
                          [("raw_number", "+1 555 0100"), ("sanitized_number", "+1 555 0100"),
                           ("type", "mobile"), ("position", 1), ("status", "no_status")]]),
    (0, "sanitized_phone", "+1 555 0101"), (0, "city", "Oslo"), (0, "name", "Ada Shutv"),
    (0, "email_status", "verified"), (0, "creator_id", None),
    (1, "owner_id", owner), (1, "creator_id", owner), (1, "title", None), (1, "email", "BO.v@Closed-Test.com"),
    (2, "email", None), (2, "email_status", None), (2, "linkedin_url", "http://li.test/cy"),
    (3, "name", ""), (3, "time_zone", "Europe/Oslo"), (3, "website_url", "http://dee.test"),
    (4, "email_status", "unverified"), (4, "phone_numbers", [
        [("raw_number", "+47 1"), ("sanitized_number", "+47 1"), ("type", "home"), ("position", 0),
         ("status", "no_status")],
        [("raw_number", "+47 2"), ("sanitized_number", "+47 2"), ("type", "other"), ("position", 1),
         ("status", "no_status")]]),
]
for k, field, value in want:
    if v[k][field] != value:
        sys.exit("set v, contact %d: %s is %r, expected %r" % (k, field, v[k][field], value))

# matched by email, or by name + company for the one without an email
def matched(s):
    again = [{"email": c["email"]} if "email" in c else
             {"first_name": c["first_name"], "last_name": c["last_name"], "organization_name": c["organization_name"]}
             for c in items(s)]
    reply = call("POST", "contacts/bulk_create", {"run_dedupe": True, "contacts": again})
    if get(reply, "created_contacts") or [get(c, "id") for c in get(reply, "existing_contacts")] != ids[s]:
        sys.exit("set %s not matched: %s" % (s, reply))
    return get(reply, "existing_contacts")
same("matched", matched("m"), "m", matched("o"), "o")

# found by a search (sets n and s still closed till then)
found = get(call("POST", "contacts/search", {"q_keywords": "closed-test.com", "per_page": 100}), "contacts")
by_id = {get(c, "id"): c for c in found}
# those of the five the search finds (its words meet the email as written)
where = lambda s: [k for k in range(5) if ids[s][k] in by_id]
if len(where("o")) < 3:
    sys.exit("the search found %s of set o's contacts: %s" % (where("o"), found))
pick = lambda s: [by_id[ids[s][k]] for k in where(s)]
same("searched", pick("n"), "n", pick("o"), "o")
same("searched", pick("s"), "s", pick("o"), "o")
PY
/usr/bin/python3 closed.py "$BASE" "$KEY" || fail "closed and opened contacts differ"

# the stats count the 25 made (5 sets of 5) beside the seed's
stats
/usr/bin/python3 - "$SEED" <<'PY' || fail "the stats' contact count"
import json, sys
seed = json.load(open(sys.argv[1]))
got = json.load(open("stats"))["contacts"]
if got != len(seed["contacts"]) + 25:
    sys.exit("stats count %s contacts, expected %d + 25" % (got, len(seed["contacts"])))
PY
exit 0
