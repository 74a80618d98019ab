#!/usr/bin/python3
"""validate.py CONTRACT RECORD... - every exchange apollo-sandbox recorded
(--record) checked against the written contract (doc/apollo-contract.yaml).

An exchange whose User-Agent starts with "apollo-csv/" is checked both ways:
the request (base /api/v1, a path and method the contract has, the query
parameters and the JSON body against the schemas of the form it used) and
the reply (by its status), unless the sandbox says the reply was off
Apollo's shape on purpose ("deliberate": a fault or a reply form). One
whose User-Agent also says "(preflight probe)" is apollo-csv doctor's check
of a scope: a request to an endpoint that writes, incomplete on purpose so
that Apollo refuses it before doing anything; it must be refused (a 2xx is
a violation: something may have been made), and the refusal must be in
the contract's shape.

An exchange from any other client (curl in the sandbox's own tests) has
only its reply checked, and only when its request is one the contract
describes: those tests send malformed and refused requests on purpose, to
see the sandbox refuse them, and what Apollo answers to a request outside
its contract is not written anywhere we could hold the sandbox to.

One line per violation: FILE:LINE: METHOD /path (operationId): request|reply
[STATUS]: JSON path: what is wrong. Exit 0 when there is none, 1 when there
is, 2 when a file cannot be read, 77 when python3-yaml or python3-jsonschema
is missing (the check cannot run; a test skips it).

The contract is OpenAPI 3.1, so its schemas are JSON Schema 2020-12 as they
stand: nothing is converted.
"""
import json
import re
import sys
import urllib.parse

try:
    import yaml
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError as e:  # pragma: no cover - depends on the machine
    sys.stderr.write("validate.py: %s (install python3-yaml and python3-jsonschema): "
                     "the contract check cannot run\n" % e)
    sys.exit(77)

TOOL_AGENT = "apollo-csv/"
PROBE_AGENT = "(preflight probe)"   # apollo-csv doctor's deliberately incomplete requests
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
MAX_ERRORS = 8          # per message checked, so one bad reply does not drown the rest


class Contract:
    """The contract's operations, and validators for its schemas by JSON pointer.

    Every local $ref is replaced by what it points at once, up front: the
    schemas then validate without resolving a reference per value, which
    makes the check of a test's thousands of contacts several times faster.
    """

    def __init__(self, doc):
        self.doc = doc
        self.flat = self._inline(doc, 0)
        self.validators = {}
        self.templates = []
        for template, item in (doc.get("paths") or {}).items():
            names = re.findall(r"\{([^}/]+)\}", template)
            pattern = "^" + re.sub(r"\\\{[^}/]+\\\}", "([^/]+)", re.escape(template)) + "$"
            self.templates.append((template, re.compile(pattern), names, item))
        # literal paths before templated ones: /contacts/search is not /contacts/{id}
        self.templates.sort(key=lambda t: len(t[2]))

    def _at(self, doc, pointer):
        node = doc
        for part in pointer.lstrip("/").split("/") if pointer.strip("/") else []:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def _inline(self, node, depth):
        if depth > 40:
            raise ValueError("$ref nested too deep (a cycle?)")
        if isinstance(node, list):
            return [self._inline(v, depth + 1) for v in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError("only local $ref: " + ref)
            target = self._inline(self._at(self.doc, ref[1:]), depth + 1)
            extra = {k: v for k, v in node.items() if k != "$ref"}
            if not extra:
                return target
            if any(not k.startswith(("x-", "description")) for k in extra):
                return dict(extra, allOf=[target])
            merged = dict(target) if isinstance(target, dict) else {"allOf": [target]}
            merged.update(extra)
            return merged
        return {k: self._inline(v, depth + 1) for k, v in node.items()}

    def validator(self, pointer):
        """A validator for the schema at pointer ("/paths/~1labels/get/...")."""
        if pointer not in self.validators:
            self.validators[pointer] = Draft202012Validator(self._at(self.flat, pointer))
        return self.validators[pointer]

    def resolve(self, node):
        """node, or the node its $ref points at (components/responses etc.)."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 10:
            node = self._at(self.doc, node["$ref"][1:])
            seen += 1
        return node

    def find(self, path):
        """(template, path item, {name: value}) for a request path, or None."""
        for template, rx, names, item in self.templates:
            m = rx.match(path)
            if m:
                return template, item, dict(zip(names, m.groups()))
        return None


def escape(part):
    return str(part).replace("~", "~0").replace("/", "~1")


def where(error):
    """The error's place in the document as a JSON path ($.a[0].b)."""
    out = "$"
    for p in error.absolute_path:
        out += "[%d]" % p if isinstance(p, int) else "." + str(p)
    return out


def describe(error):
    """The message, and for anyOf/oneOf the closest of the branches' own errors."""
    msg = error.message
    if len(msg) > 300:
        msg = msg[:300] + "..."
    if error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None and best is not error:
            inner = best.message if len(best.message) < 300 else best.message[:300] + "..."
            msg += " (closest: %s: %s)" % (where(best), inner)
    return msg


def schema_errors(contract, pointer, value):
    v = contract.validator(pointer)
    errors = sorted(v.iter_errors(value), key=lambda e: (list(e.absolute_path), e.message))
    return [(where(e), describe(e)) for e in errors[:MAX_ERRORS]]


def types_of(schema, contract, depth=0):
    """The JSON types a (query parameter) schema allows, following $ref and anyOf."""
    schema = contract.resolve(schema)
    if not isinstance(schema, dict) or depth > 8:
        return set()
    found = set()
    t = schema.get("type")
    if isinstance(t, str):
        found.add(t)
    elif isinstance(t, list):
        found.update(t)
    if "enum" in schema or "const" in schema:
        found.add("string")
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            found |= types_of(sub, contract, depth + 1)
    return found


def items_of(schema, contract, depth=0):
    """The items schema of an array schema, through $ref and allOf/anyOf."""
    schema = contract.resolve(schema)
    if not isinstance(schema, dict) or depth > 8:
        return {}
    if "items" in schema:
        return schema["items"]
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            found = items_of(sub, contract, depth + 1)
            if found:
                return found
    return {}


def query_value(text, schema, contract):
    """A query string's text as the parameter's schema reads it: numbers as
    text, booleans as true/false (anything else stays text, and fails)."""
    kinds = types_of(schema, contract)
    if kinds & {"integer", "number"} and "string" not in kinds and re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if kinds & {"integer", "number"} and "string" not in kinds and re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
        return float(text)
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    return text


def check_request(contract, x, op, op_pointer, path_item, path_values, say):
    """say(where, message) for each way the request breaks the contract."""
    # parameters of the path, then of the operation (which may redefine one)
    params, pointers = {}, {}
    for base, holder in ((op_pointer.rsplit("/", 1)[0], path_item), (op_pointer, op)):
        for i, p in enumerate(holder.get("parameters") or []):
            params[(p["in"], p["name"])] = p
            pointers[(p["in"], p["name"])] = "%s/parameters/%d/schema" % (base, i)

    for name, value in path_values.items():
        key = ("path", name)
        if key in params:
            for w, m in schema_errors(contract, pointers[key], urllib.parse.unquote(value)):
                say("path parameter %s %s" % (name, w), m)

    body_text = x.get("request_body") or ""
    has_body = body_text.strip() != ""

    grouped = {}
    for name, value in urllib.parse.parse_qsl(x.get("query") or "", keep_blank_values=True):
        grouped.setdefault(name, []).append(value)
    for name, values in grouped.items():
        key = ("query", name)
        if key not in params:
            say("query " + name, "not a parameter of this operation")
            continue
        schema = params[key].get("schema", {})
        if name.endswith("[]"):
            items = items_of(schema, contract)
            value = [query_value(v, items, contract) for v in values]
        elif len(values) > 1:
            say("query " + name, "given %d times; a list is written %s[]" % (len(values), name))
            continue
        else:
            value = query_value(values[0], schema, contract)
        for w, m in schema_errors(contract, pointers[key], value):
            say("query %s %s" % (name, w), m)

    if not has_body:
        for (where_, name), p in params.items():
            if where_ == "query" and p.get("required") and name not in grouped:
                say("query " + name, "required, and neither in the query string nor in a body")
        for group in op.get("x-required-one-of") or []:
            if not any(name in grouped for name in group):
                say("query", "one of %s is required, and there is no body" % ", ".join(group))

    body = contract.resolve(op.get("requestBody")) if op.get("requestBody") else None
    if has_body:
        ctype = (x.get("request_type") or "").split(";")[0].strip().lower()
        if body is None:
            say("body", "this operation takes no body")
            return
        if ctype != "application/json":
            say("body", "Content-Type %r, not application/json" % (x.get("request_type"),))
        try:
            value = json.loads(body_text)
        except ValueError as e:
            say("body", "not JSON: %s" % e)
            return
        ref = op.get("requestBody")
        if isinstance(ref, dict) and "$ref" in ref:
            pointer = ref["$ref"][1:]
        else:
            pointer = op_pointer + "/requestBody"
        for w, m in schema_errors(contract, pointer + "/content/application~1json/schema", value):
            say("body " + w, m)
    elif body is not None and body.get("required"):
        say("body", "required, and the request has none")


def check_reply(contract, x, op, op_pointer, say):
    status = int(x.get("status") or 0)
    responses = op.get("responses") or {}
    key = None
    for k in (str(status), "%dXX" % (status // 100), "default"):
        if k in responses:
            key = k
            break
    if key is None:
        say("", "status %d is not one the contract has for this operation" % status)
        return
    resp = responses[key]
    pointer = op_pointer + "/responses/" + escape(key)
    if isinstance(resp, dict) and "$ref" in resp:
        pointer = resp["$ref"][1:]
        resp = contract.resolve(resp)
    content = resp.get("content") or {}
    body_text = x.get("reply_body") or ""
    if not content:
        if body_text.strip():
            say("", "a body, where the contract has none")
        return
    ctype = (x.get("reply_type") or "").split(";")[0].strip().lower()
    if ctype not in content:
        say("", "Content-Type %r, the contract has %s" % (x.get("reply_type"), ", ".join(content)))
        return
    schema_pointer = pointer + "/content/" + escape(ctype) + "/schema"
    if ctype == "application/json":
        try:
            value = json.loads(body_text)
        except ValueError as e:
            say("", "not JSON: %s" % e)
            return
    else:
        value = body_text
    for w, m in schema_errors(contract, schema_pointer, value):
        say(w, m)


def check_exchange(contract, x, label, out):
    """Appends x's violations to out; returns how many."""
    method = (x.get("method") or "").lower()
    path = x.get("path") or ""
    tool = (x.get("user_agent") or "").startswith(TOOL_AGENT)
    status = int(x.get("status") or 0)
    found = contract.find(path)
    head = "%s %s %s" % (label, (x.get("method") or "?").upper(), path)

    def request_say(w, m):
        out.append("%s: request: %s%s" % (head_op, w + ": " if w else "", m))

    if found is None or method not in found[1]:
        if not tool:
            return 0        # another client's request off the contract: its reply is not ours to judge
        why = "path not in the contract" if found is None else \
            "method not allowed here (the contract has %s)" % ", ".join(
                m.upper() for m in METHODS if m in found[1])
        out.append("%s: request: %s" % (head, why))
        return 1
    template, item, values = found
    op = item[method]
    op_pointer = "/paths/%s/%s" % (escape(template), method)
    head_op = "%s (%s)" % (head, op.get("operationId", "?"))

    before = len(out)
    if tool and PROBE_AGENT in (x.get("user_agent") or ""):
        # doctor's scope check: incomplete on purpose, so Apollo must refuse
        # it before it does anything; a 2xx would be a record made
        if 200 <= status < 300:
            out.append("%s: a preflight probe was answered %d: it must be refused, never done"
                       % (head_op, status))
        elif status and not x.get("deliberate"):
            check_reply(contract, x, op, op_pointer,
                        lambda w, m: out.append("%s: reply %d: %s%s" % (head_op, status, w + ": " if w else "", m)))
        return len(out) - before
    if tool:
        if x.get("base") and x.get("base") != "/api/v1":
            out.append("%s: request: base %s, not /api/v1" % (head_op, x.get("base")))
        check_request(contract, x, op, op_pointer, item, values, request_say)
    else:
        mine = []
        check_request(contract, x, op, op_pointer, item, values, lambda w, m: mine.append(m))
        if mine:
            return 0        # another client's request off the contract: its reply is not ours to judge
    if x.get("deliberate") or status == 0:
        return len(out) - before

    def reply_say(w, m):
        out.append("%s: reply %d: %s%s" % (head_op, status, w + ": " if w else "", m))

    check_reply(contract, x, op, op_pointer, reply_say)
    return len(out) - before


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("-")]
    verbose = "-v" in argv[1:]
    if len(args) < 2:
        sys.stderr.write("usage: validate.py [-v] CONTRACT RECORD...\n")
        return 2
    try:
        with open(args[0], encoding="utf-8") as f:
            contract = Contract(yaml.safe_load(f))
    except (OSError, yaml.YAMLError, ValueError) as e:
        sys.stderr.write("validate.py: %s: %s\n" % (args[0], e))
        return 2
    out = []
    first = None
    counts = {"exchanges": 0, "tool": 0}
    for record in args[1:]:
        try:
            f = open(record, encoding="utf-8")
        except OSError as e:
            sys.stderr.write("validate.py: %s: %s\n" % (record, e))
            return 2
        with f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                label = "%s:%d:" % (record, n)
                try:
                    x = json.loads(line)
                except ValueError as e:
                    out.append("%s not a JSON line: %s" % (label, e))
                    continue
                counts["exchanges"] += 1
                if (x.get("user_agent") or "").startswith(TOOL_AGENT):
                    counts["tool"] += 1
                if check_exchange(contract, x, label, out) and first is None:
                    first = (label, x)
    for line in out:
        print(line)
    if verbose or out:
        sys.stderr.write("validate.py: %d exchanges (%d from apollo-csv), %d violations\n"
                         % (counts["exchanges"], counts["tool"], len(out)))
    if first is not None:
        # the first one in full (bodies cut short), so a failing test shows its input
        shown = {k: (v[:1500] + "...") if isinstance(v, str) and len(v) > 1500 else v
                 for k, v in first[1].items()}
        sys.stderr.write("the first exchange off the contract, %s\n%s\n"
                         % (first[0], json.dumps(shown, indent=1, ensure_ascii=False)))
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
