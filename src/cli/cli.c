/* cli/cli.c - command-line parsing and --help texts. Nothing here opens a
 * file: every option is checked before the work starts. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "cli/cli.h"
#include "files/csv_reader.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "values/sheet_values.h"
#include "apollo/skip_reasons.h"
#include "values/start_time.h"

static const char overview[] =
"Usage: apollo-csv COMMAND [OPTIONS] [FILE...]\n"
"\n"
"Move spreadsheets of prospects in and out of Apollo.io.\n"
"\n"
"Commands:\n"
"  check FILE...   read, map, validate and dedupe prospect files and write\n"
"                  the results file an import would write; no network use\n"
"  import FILE     create the file's contacts in Apollo (and enrol them in a\n"
"                  sequence), writing what happened to each row\n"
"  enroll          add contacts already in Apollo to a sequence, by list\n"
"                  name or from a file of contact ids\n"
"  unenroll FILE   finish, remove or stop contacts in a sequence\n"
"  export sequences  every sequence's numbers (delivered, opened, replied,\n"
"                  bounced, rates) as CSV or JSON\n"
"  export contacts contacts, their sequence statuses and a checksum, for\n"
"                  a spreadsheet\n"
"  update FILE     send back the edits made to an export of contacts\n"
"  tasks FILE      one task per row (a call, an email, a LinkedIn step...)\n"
"  deals FILE      one deal (opportunity) per row\n"
"  prospect FILE   from company domains to people in Apollo: research,\n"
"                  import, sequence, and a task and a deal per company\n"
"  help COMMAND    show the help of one command\n"
"\n"
"Options:\n"
"  -h, --help      show this help (or COMMAND --help for a command's)\n"
"  -V, --version   show the version\n"
"\n"
"Exit status:\n"
"  0  every row went through        4  configuration or authentication problem\n"
"  1  done; some rows need attention 5  the API gave up; the run can be resumed\n"
"  2  bad command line               6  a result file could not be written\n"
"  3  an input file is unreadable    7  internal error\n"
"\n"
"Apollo is reached with APOLLO_API_KEY (or --api-key-file) at APOLLO_BASE_URL\n"
"(default https://api.apollo.io/api/v1). See apollo-csv(1) for the details.\n";

static const char check_help[] =
"Usage: apollo-csv check [OPTIONS] FILE...\n"
"\n"
"Read prospect files (.csv, .csv.gz or - for standard input), map their\n"
"columns to Apollo fields, validate and dedupe every row, and write the\n"
"results file exactly as an import would, without any network use.\n"
"\n"
"Each row of FILE gets one row in FILE.results.csv (\"leads.csv\" and\n"
"\"leads.csv.gz\" give \"leads.results.csv\"): all its columns as read, then\n"
"_row, _line, _status, _reason and the (empty) Apollo columns. _status is\n"
"  ready      valid: an import would send it\n"
"  duplicate  the same email (or name + company) as an earlier row, named\n"
"             in _reason\n"
"  invalid    cannot become a contact; _reason says why\n"
"\n"
"Reading:\n"
"      --format NAME       mapping profile: apollo, hubspot, salesforce,\n"
"                          linkedin, generic (default: chosen from the header)\n"
"      --map FIELD=HEADER  read FIELD from the column named HEADER (repeatable);\n"
"                          FIELD= reads it from no column. Fields: first_name,\n"
"                          last_name, name, email, title, organization_name,\n"
"                          website_url, phone, ... (see apollo-csv(1))\n"
"      --encoding ENC      utf-8, utf-16le, utf-16be, windows-1252 or latin-1\n"
"                          (default: detected)\n"
"      --delimiter C       , ; tab or | (default: detected)\n"
"      --max-field-size N  longest cell accepted, e.g. 1M or 512K (default 1M)\n"
"\n"
"Writing:\n"
"  -o, --output FILE       results file (one input only; - for standard output)\n"
"      --errors FILE       also write the rows that need attention to FILE,\n"
"                          ready to fix in a spreadsheet and check again\n"
"      --excel             for Excel: UTF-8 BOM, CRLF, and cells starting with\n"
"                          = + - @ written as text\n"
"      --force             replace existing output files\n"
"\n"
"Messages:\n"
"  -q, --quiet             only errors and warnings\n"
"  -v, --verbose           every row problem (default: the first 20 a file)\n"
"      --progress          show progress (default: when stderr is a terminal)\n"
"      --no-progress       never show progress\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 all rows ready; 1 some rows are invalid; 2 bad command line;\n"
"3 a file cannot be read; 6 a result file cannot be written.\n";

/* the options every command that talks to Apollo takes, in its --help */
#define TALKING_TO_APOLLO \
"Talking to Apollo:\n" \
"      --api-key-file FILE the API key, from a file only you can read\n" \
"                          (default: APOLLO_API_KEY, or api_key in\n" \
"                          ~/.config/apollo-csv/config)\n" \
"      --jobs N            requests in flight at once (default 4)\n" \
"      --retries N         retries after a 5xx, a dropped connection, a timeout\n" \
"                          or a reply that is not JSON (default 6)\n" \
"      --backoff MS        first retry delay; doubles each retry (default 500)\n" \
"      --timeout DURATION  longest wait for one reply (default 60s)\n" \
"      --max-wait DURATION longest wait for a spent rate window before\n" \
"                          stopping with the rest unprocessed (default 15m)\n"

static const char import_help[] =
"Usage: apollo-csv import [OPTIONS] FILE\n"
"\n"
"Read, map, validate and dedupe FILE as check does, then create its contacts\n"
"in Apollo with contacts/bulk_create (100 a call, with Apollo's dedupe, so a\n"
"contact already there is matched, not copied) and, with --sequence, enrol\n"
"them with add_contact_ids. FILE.results.csv says what happened to each row:\n"
"  _status           created, existing, updated, unchanged, duplicate,\n"
"                    invalid, failed, unprocessed (not sent; --resume sends it)\n"
"  _contact_id, _account_id   Apollo's ids\n"
"  _sequence_status  enrolled, already_enrolled, skipped, failed\n"
"  _sequence_reason  Apollo's skip code, e.g. contacts_unverified_email\n"
"The summary explains each skip code and the --allow that would override it.\n"
"\n"
"Contacts:\n"
"      --existing skip|update  contacts Apollo already has: leave them (default)\n"
"                          or send the fields that differ (first_name,\n"
"                          last_name, title, organization_name, linkedin_url,\n"
"                          present_raw_address; a blank cell never clears one)\n"
"      --label NAME        add every contact to the list NAME (repeatable)\n"
"      --owner USER        owner of the new contacts (email, name or id)\n"
"      --accounts          create or match an account per company domain and\n"
"                          link each contact to it\n"
"      --enrich            rows with no email are matched with Apollo's people\n"
"                          database first (people/bulk_match, 10 rows a call)\n"
"                          and take the email it has; _reason says what was\n"
"                          found. Costs credits: about one a person found\n"
"      --max-credits N     enrich no more than N credits allow (counting the\n"
"                          runs --resume goes on from); the rows past it are\n"
"                          imported without an email, and say so\n"
"\n"
"Sequence:\n"
"      --sequence NAME|ID  enrol the contacts in this sequence\n"
"      --from MAILBOX      the mailbox it sends from (email or id; repeat or\n"
"                          separate with commas to rotate several)\n"
"      --user USER         the user shown as adding them (email, name or id)\n"
"      --allow-inactive    enrol even if the sequence is inactive or archived\n"
"      --policy P          conservative (default): Apollo skips contacts that\n"
"                          are unverified, in or done with other sequences, ...;\n"
"                          aggressive: allows unverified, active-in-other and\n"
"                          finished-in-other\n"
"      --allow FLAG        allow one kind: no-email, unverified, job-change,\n"
"                          active-in-other, finished-in-other, same-company\n"
"      --paused-until TIME enrol paused until TIME (2026-12-01T09:00:00Z,\n"
"                          2026-12-01T09:00-05:00, or 2026-12-01 09:00 UTC)\n"
"      --start-at HH:MM    enrol paused until HH:MM in each contact's own time\n"
"                          zone (a time_zone column, IANA names such as\n"
"                          America/New_York)\n"
"      --timezone ZONE     --start-at zone for rows without one (default UTC)\n"
"      --enroll-chunk N    contacts per add_contact_ids call (default 100)\n"
"      --report FILE       after the run, write the sequence's numbers to FILE\n"
"                          (CSV; JSON or HTML for a name ending .json, .html), as export\n"
"                          sequences does; --rates and --wait as there\n"
"\n"
TALKING_TO_APOLLO
"\n"
"Reading: --format, --map, --encoding, --delimiter, --max-field-size, as for\n"
"check (apollo-csv check --help).\n"
"\n"
"Writing:\n"
"  -o, --output FILE       results file (default FILE.results.csv)\n"
"      --errors FILE       also write the rows that need attention to FILE\n"
"      --excel             results for Excel (BOM, CRLF, guarded cells)\n"
"      --force             start over, replacing earlier results\n"
"      --resume            go on with an interrupted or stopped run: the rows\n"
"                          already in the results are kept, the rest are sent\n"
"\n"
"While it runs, results are in RESULTS.partial, made safe after every chunk;\n"
"a killed run leaves it for --resume. Messages: -q, -v (every request,\n"
"never the key), --progress, --no-progress.\n"
"\n"
"Exit status: 0 all rows went through; 1 some rows need attention; 2 bad\n"
"command line; 3 FILE cannot be read; 4 no key, a refused key, or a name\n"
"that matches no (or several) sequences, mailboxes or users; 5 stopped by a\n"
"rate limit or by faults: run again with --resume; 6 results not written.\n";

static const char enroll_help[] =
"Usage: apollo-csv enroll --sequence S --from MAILBOX --label NAME...\n"
"       apollo-csv enroll --sequence S --from MAILBOX [OPTIONS] FILE\n"
"\n"
"Add contacts that are already in Apollo to a sequence: every contact on the\n"
"lists named by --label, in one call; or the contacts whose ids are in FILE\n"
"(an import's results file, read from its _contact_id column, or any CSV\n"
"with a contact_id or id column). With FILE, FILE.results.csv gets each\n"
"row's _sequence_status and Apollo's skip code, as for import.\n"
"\n"
"Sequence options, as for import: --sequence, --from, --user,\n"
"--allow-inactive, --policy, --allow, --paused-until, --enroll-chunk,\n"
"--report FILE (the sequence's numbers after the run; --rates, --wait).\n"
"\n"
TALKING_TO_APOLLO
"\n"
"Writing (FILE only): -o, --errors, --excel, --force. Messages: -q, -v.\n"
"\n"
"Exit status as for import.\n";

static const char unenroll_help[] =
"Usage: apollo-csv unenroll --sequence S --mode finished|remove|stop FILE\n"
"\n"
"Take the contacts whose ids are in FILE (as for enroll) out of a sequence\n"
"with remove_or_stop_contact_ids:\n"
"  finished  mark them finished in the sequence\n"
"  remove    take them out of it\n"
"  stop      halt their progress in it\n"
"FILE.results.csv gets _sequence_status finished, removed or stopped, or\n"
"failed with Apollo's message.\n"
"\n"
"      --sequence NAME|ID  the sequence (inactive ones too)\n"
"      --mode MODE         finished, remove or stop\n"
"      --enroll-chunk N    contacts per call (default 100)\n"
"\n"
TALKING_TO_APOLLO
"\n"
"Writing: -o, --errors, --excel, --force. Messages: -q, -v.\n"
"\n"
"Exit status as for import.\n";

static const char export_help[] =
"Usage: apollo-csv export sequences [OPTIONS]\n"
"       apollo-csv export contacts [OPTIONS]\n"
"\n"
"export contacts writes every contact a search finds (every page), one row\n"
"each: contact_id, the fields update can send back (first_name, last_name,\n"
"email, title, organization_name, linkedin_url, present_raw_address), what\n"
"Apollo knows (email_status, phone, city, state, country, time_zone,\n"
"account_id, owner, lists, stage, created_at), the sequence columns\n"
"(sequence, status, step, added_at, finished_at, failure_reason,\n"
"inactive_reason; several sequences are joined with \"; \") and _checksum.\n"
"Apollo shows at most 50,000 contacts of a search; past that the search is\n"
"read oldest first and newest first, then stage by stage, and an export\n"
"that is still short says so and exits 1.\n"
"      --label NAME        contacts on this list (repeatable)\n"
"      --stage NAME        contacts at this stage\n"
"      --query TEXT        contacts whose name, title, company or email has TEXT\n"
"      --sequence NAME|ID  contacts with a status in this sequence\n"
"      --per-sequence      one row per contact and sequence\n"
"  -o, --output FILE       where to write (default contacts.csv)\n"
"      --excel, --force, --api-key-file, --jobs, --retries, --timeout, -q, -v\n"
"\n"
"export sequences:\n"
"Write one row per sequence with its numbers, from Apollo's sequence search\n"
"(every page): id, name, active, archived, num_steps, created_at, the counts\n"
"unique_scheduled, unique_delivered, unique_bounced, unique_hard_bounced,\n"
"unique_spam_blocked, unique_opened, unique_clicked, unique_replied,\n"
"unique_demoed, unique_unsubscribed, and the rates bounce, hard bounce,\n"
"spam block, open, click, reply, demo and opt-out. Apollo sends rates as\n"
"fractions; they are written as percentages with one decimal (52.6 for\n"
"0.526) in columns named *_rate_percent. A number Apollo is still computing\n"
"is written as \"loading\", never as 0.\n"
"\n"
"      --sequence NAME|ID  only this sequence (repeatable)\n"
"      --active            only active sequences (not archived)\n"
"      --format csv|json|html  (default csv; json or html for an -o name ending\n"
"                          .json or .html). html: one self-contained page, a\n"
"                          table and per sequence a funnel chart (scheduled,\n"
"                          delivered, opened, clicked, replied) and bounce /\n"
"                          unsubscribe bars; no script, nothing fetched\n"
"      --rates fraction    rates as Apollo sends them, in *_rate columns\n"
"      --wait DURATION     while numbers say \"loading\", ask again every 10 s\n"
"                          for up to DURATION (e.g. 5m)\n"
"  -o, --output FILE       where to write (default sequences.csv, .json or\n"
"                          .html; - for standard output)\n"
"      --excel             for Excel: UTF-8 BOM, CRLF, guarded cells\n"
"      --force             replace an existing file\n"
"      --api-key-file FILE, --retries N, --timeout D, --max-wait D: as for import\n"
"  -q, --quiet, -v, --verbose\n"
"\n"
"Exit status: 0 written; 1 written, but some numbers are still loading (or\n"
"the contacts are not all there); 2 bad command line; 4 no key, a refused\n"
"key, or a --sequence, --label or --stage that names nothing; 5 Apollo did\n"
"not answer; 6 the file cannot be written.\n";

static const char update_help[] =
"Usage: apollo-csv update [OPTIONS] FILE\n"
"\n"
"Send back the edits made to FILE, a file written by `apollo-csv export\n"
"contacts` (also after a trip through Excel: its BOM, CRLF, guarded cells and\n"
"reordered or deleted columns are fine). Each row's editable cells\n"
"(first_name, last_name, email, title, organization_name, linkedin_url,\n"
"present_raw_address) are compared with its _checksum: a row where none\n"
"changed costs no API call; the changed fields, and only those, go to\n"
"contacts/bulk_update, 100 contacts a call.\n"
"\n"
"A blank cell leaves the field as it is (a spreadsheet makes blanks too\n"
"easily); write (clear) in a cell to clear the field in Apollo.\n"
"\n"
"FILE.results.csv gets every row with _status updated (and the fields in\n"
"_reason), unchanged, failed (Apollo refused it: a deleted contact, ...),\n"
"invalid (a malformed id, an edited _checksum, a bad email, a ? in a file\n"
"not saved as UTF-8), duplicate (another row changes the same contact\n"
"differently; the same change on several rows is made once) or unprocessed\n"
"(not sent: run update --resume on the same file).\n"
"\n"
"  -o, --output FILE       results file (default FILE.results.csv)\n"
"      --resume            keep the rows the last run finished (an updated row\n"
"                          is not sent again) and send the unprocessed ones\n"
"      --errors FILE       also write the rows that need attention to FILE\n"
"      --excel, --force, --encoding, --delimiter, --max-field-size\n"
"      --api-key-file, --jobs, --retries, --backoff, --timeout, --max-wait\n"
"  -q, --quiet, -v, --verbose, --progress, --no-progress\n"
"\n"
"Exit status: 0 done; 1 some rows need attention; 2 bad command line; 3 FILE\n"
"cannot be read or is not an export; 4 no key or a refused key; 5 stopped\n"
"early: run again; 6 the results file cannot be written.\n";

/* the writing, talking and message options of tasks and deals, which make
 * one record a row and keep a journal */
#define RECORDS_WRITING_AND_TALKING \
"Writing:\n" \
"  -o, --output FILE       results file (default FILE.results.csv)\n" \
"      --resume            go on after an interrupted or stopped run: the rows\n" \
"                          it finished are kept and not sent again\n" \
"      --errors FILE       also write the rows that need attention to FILE\n" \
"      --excel, --force, --encoding, --delimiter, --max-field-size\n" \
"\n" \
TALKING_TO_APOLLO \
"\n" \
"Messages: -q, --quiet; -v, --verbose; --progress; --no-progress.\n" \
"\n"

static const char tasks_help[] =
"Usage: apollo-csv tasks [OPTIONS] FILE\n"
"\n"
"Make one Apollo task per row of FILE. Columns are found by name (case,\n"
"spaces, _ and - do not matter):\n"
"  email or contact_id  the contact. Emails are looked up 100 a call\n"
"                   (contacts/bulk_create with Apollo's dedupe); an email\n"
"                   Apollo does not have becomes a new contact, with the\n"
"                   row's first_name, last_name and company if it has them\n"
"  type             call, outreach_manual_email, linkedin_step_connect,\n"
"                   linkedin_step_message, linkedin_step_view_profile,\n"
"                   linkedin_step_interact_post, action_item, or as people\n"
"                   write them: Call, Manual email, LinkedIn connect,\n"
"                   LinkedIn message, View profile, Action item, To-do...\n"
"  due              2026-12-01, 2026-12-01 14:30, 12/01/2026 2:30 PM,\n"
"                   1-Dec-2026, 2026-12-01T14:30:00+01:00, an Excel day\n"
"                   number... A date alone is due at 00:00\n"
"  priority         high, medium or low (default: Apollo's, medium)\n"
"  status           scheduled (default), completed or skipped\n"
"  owner            the user the task is for (email, name or id)\n"
"  note             the task's note\n"
"  task_title       a title (such a task is made on its own: tasks/bulk_create\n"
"                   takes none)\n"
"Rows with the same owner, type, status, due time, priority and note go\n"
"in one tasks/bulk_create call (100 contacts a call); the others are made\n"
"one by one. FILE.results.csv says for every row _status created (with\n"
"_contact_id and _task_id), duplicate (the same task as an earlier row),\n"
"invalid, failed or unprocessed, and why in _reason.\n"
"\n"
"Apollo makes a second task when asked twice, so none is asked twice: a\n"
"request whose answer was lost is looked for with tasks/search before it\n"
"is sent again, and --resume never sends a row the last run finished.\n"
"\n"
"Values for blank cells:\n"
"      --type TYPE, --due WHEN, --priority P, --status S, --note TEXT\n"
"      --owner USER        the owner for rows without one (email, name or id)\n"
"      --timezone ZONE     due times without an offset are in ZONE, e.g.\n"
"                          America/New_York (default UTC)\n"
"      --date-format dmy|mdy|ymd  how to read 03/04/2026 (default: only when\n"
"                          it cannot be mistaken; otherwise the row is invalid)\n"
"\n"
RECORDS_WRITING_AND_TALKING
"Exit status: 0 every row made; 1 some rows need attention; 2 bad command\n"
"line; 3 FILE cannot be read or lacks a needed column; 4 no key, a refused\n"
"key or an --owner that names nobody; 5 stopped early: run again with\n"
"--resume; 6 the results file cannot be written.\n";

static const char deals_help[] =
"Usage: apollo-csv deals [OPTIONS] FILE\n"
"\n"
"Make one Apollo deal (opportunity) per row of FILE with POST opportunities.\n"
"Columns are found by name (case, spaces, _ and - do not matter):\n"
"  name             the deal's name (needed)\n"
"  account          the company: a domain (acme.com, https://www.acme.com/)\n"
"                   or an Apollo account id. A domain Apollo has no account\n"
"                   for fails the row, unless --create-accounts\n"
"  amount           $50,000.00, 50000, 50k, 1.2m, EUR 12,500, 50.000,00 EUR\n"
"                   (with --decimal-comma). Sent as plain digits; an amount\n"
"                   that cannot be read for certain makes the row invalid\n"
"  stage            the stage's name (from Apollo's opportunity stages)\n"
"  closed_date      as spreadsheets write dates: 2026-12-31, 12/31/2026,\n"
"                   31.12.2026, 31-Dec-2026, an Excel day number...; sent as\n"
"                   YYYY-MM-DD\n"
"  owner            the user who owns the deal (email, name or id)\n"
"FILE.results.csv says for every row _status created (with _account_id and\n"
"_deal_id), duplicate (the same deal as an earlier row), invalid, failed\n"
"or unprocessed, and why in _reason.\n"
"\n"
"Apollo makes a second deal when asked twice, so none is asked twice: a\n"
"request whose answer was lost is looked for with opportunities/search\n"
"before it is sent again, and --resume never sends a row the last run\n"
"finished.\n"
"\n"
"      --create-accounts   make an account for a domain Apollo has none for\n"
"                          (accounts/bulk_create, 100 a call)\n"
"      --decimal-comma     amounts are written 50.000,00 (',' before the cents)\n"
"      --date-format dmy|mdy|ymd  how to read 03/04/2026 (default: only when\n"
"                          it cannot be mistaken; otherwise the row is invalid)\n"
"      --owner USER        the owner for rows without one\n"
"      --stage NAME        the stage for rows without one\n"
"\n"
RECORDS_WRITING_AND_TALKING
"Exit status: 0 every row made; 1 some rows need attention; 2 bad command\n"
"line; 3 FILE cannot be read or lacks a needed column; 4 no key, a refused\n"
"key, or an --owner or --stage that names nothing; 5 stopped early: run\n"
"again with --resume; 6 the results file cannot be written.\n";

static const char prospect_help[] =
"Usage: apollo-csv prospect [OPTIONS] FILE\n"
"\n"
"From a list of company domains to people in Apollo. FILE has a domain (or\n"
"website) column, and may have titles and seniorities columns (several\n"
"separated by ;) that override --title and --seniority for that row.\n"
"\n"
"  1. Research: each domain's organization (organizations/bulk_enrich, 10\n"
"     a call), the people there with those titles and seniorities\n"
"     (mixed_people/api_search: no credits, up to 1,000 domains a search),\n"
"     and for --per-company of them the email (people/bulk_match, 10 a\n"
"     call). Writes FILE.domains.csv (each row: found, not_found, invalid\n"
"     or duplicate, with the organization and how many people) and\n"
"     FILE.people.csv (one row per person, with the Domain Row it came\n"
"     from). Costs credits: about one an organization and one a person.\n"
"  2. Import of FILE.people.csv, as import does, accounts included, and\n"
"     with --sequence the enrolment: FILE.people.results.csv.\n"
"  3. With --type: a follow-up task per company, for its first person\n"
"     (FILE.tasks.csv and its results).\n"
"  4. With --deal: a deal per company, on its account (FILE.deals.csv and\n"
"     its results).\n"
"\n"
"Research:\n"
"      --title TITLE       a job title to look for (repeatable)\n"
"      --seniority LEVEL   e.g. vp, director, c_suite, manager (repeatable)\n"
"      --per-company N     people per company, at most (default 3)\n"
"      --max-credits N     spend no more than N credits on the research\n"
"\n"
"Import and sequence: --sequence, --from, --user, --label, --owner,\n"
"--allow, --policy, --allow-inactive, --paused-until, --enroll-chunk,\n"
"--report, --rates, --wait, as for import.\n"
"\n"
"Follow-ups:\n"
"      --type TYPE         a task per company (as tasks reads it); with\n"
"      --due WHEN          its due time (needed), --priority, --status,\n"
"                          --note, --timezone; the owner is --owner (needed)\n"
"      --deal NAME         a deal per company; {company} in NAME becomes the\n"
"                          company's name, e.g. \"{company} - new business\"\n"
"      --amount AMOUNT, --stage NAME, --closed-date DATE  the deal's\n"
"      --date-format dmy|mdy|ymd, --decimal-comma: how to read them\n"
"\n"
"      --resume            keep the research of the run before (no credits\n"
"                          spent on it again) and resume each step after it\n"
"      --force             research again (credits are spent again)\n"
"      --excel, --encoding, --delimiter, --max-field-size\n"
"\n"
TALKING_TO_APOLLO
"\n"
"Messages: -q, --quiet; -v, --verbose; --progress; --no-progress.\n"
"\n"
"Exit status: the worst of the steps, as for import: 0 all done; 1 some rows\n"
"need attention; 2 bad command line; 3 FILE cannot be read or has no domain\n"
"column; 4 no key, a refused key or a name that names nothing; 5 Apollo\n"
"stopped answering (run again with --resume); 6 a file cannot be written.\n";

static const struct {
	const char *name;
	const char *help;
} commands[] = {
	{ "check", check_help },
	{ "import", import_help },
	{ "enroll", enroll_help },
	{ "unenroll", unenroll_help },
	{ "export", export_help },
	{ "update", update_help },
	{ "tasks", tasks_help },
	{ "deals", deals_help },
	{ "prospect", prospect_help },
};

bool cli_print_help(const char *command, FILE *out)
{
	if (!command) {
		fputs(overview, out);
		return true;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, command) == 0) {
			fputs(commands[i].help, out);
			return true;
		}
	return false;
}

void cli_print_version(FILE *out)
{
	fprintf(out, "apollo-csv %s\n", PACKAGE_VERSION);
}

static int usage_error(const char *fmt, const char *arg)
{
	struct msg_pos none = { 0 };
	char text[1024];
	snprintf(text, sizeof text, fmt, arg);
	msg_error(&none, "%s", text);
	fprintf(stderr, "Try 'apollo-csv --help' or 'apollo-csv COMMAND --help'.\n");
	return EXIT_USAGE;
}

/* "1M", "512K", "2MiB", "1048576" */
static bool parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return false;
	if (*end) {
		unsigned long long mult;
		if (strcasecmp(end, "k") == 0 || strcasecmp(end, "kib") == 0 || strcasecmp(end, "kb") == 0)
			mult = 1024;
		else if (strcasecmp(end, "m") == 0 || strcasecmp(end, "mib") == 0 || strcasecmp(end, "mb") == 0)
			mult = 1024 * 1024;
		else if (strcasecmp(end, "g") == 0 || strcasecmp(end, "gib") == 0 || strcasecmp(end, "gb") == 0)
			mult = 1024ULL * 1024 * 1024;
		else
			return false;
		if (v > (unsigned long long)-1 / mult)
			return false;
		v *= mult;
	}
	if (v < 16 || v > (1ULL << 31))
		return false;
	*out = (size_t)v;
	return true;
}

static bool parse_delimiter(const char *s, char *out)
{
	if (strcasecmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
		*out = '\t';
	else if (strlen(s) == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r')
		*out = s[0];
	else
		return false;
	return true;
}

static int add_map(struct config *cfg, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[64];
	enum field f;
	struct map_override *nm;

	if (!eq || (size_t)(eq - arg) >= sizeof name)
		return usage_error("--map %s: expected FIELD=HEADER, e.g. --map email=\"E-mail address\"", arg);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if (!field_parse(name, &f)) {
		char text[700];
		snprintf(text, sizeof text, "--map %s: unknown field \"%s\"; the fields are %s",
		         arg, name, field_list());
		return usage_error("%s", text);
	}
	nm = realloc(cfg->maps, (cfg->nmaps + 1) * sizeof *nm);
	if (!nm)
		return usage_error("%s", "out of memory");
	cfg->maps = nm;
	nm[cfg->nmaps].field = f;
	nm[cfg->nmaps].header = eq + 1;
	cfg->nmaps++;
	return EXIT_OK;
}

enum {
	OPT_FORMAT = 256, OPT_MAP, OPT_ENCODING, OPT_DELIMITER, OPT_MAX_FIELD, OPT_ERRORS,
	OPT_EXCEL, OPT_FORCE, OPT_PROGRESS, OPT_NO_PROGRESS,
	OPT_API_KEY_FILE, OPT_JOBS, OPT_RETRIES, OPT_TIMEOUT, OPT_BACKOFF, OPT_MAX_WAIT, OPT_RESUME,
	OPT_EXISTING, OPT_LABEL, OPT_OWNER, OPT_ACCOUNTS, OPT_SEQUENCE, OPT_FROM, OPT_USER,
	OPT_ALLOW_INACTIVE, OPT_POLICY, OPT_ALLOW, OPT_PAUSED_UNTIL, OPT_START_AT, OPT_TIMEZONE,
	OPT_ENROLL_CHUNK, OPT_MODE, OPT_ACTIVE, OPT_RATES, OPT_WAIT, OPT_REPORT,
	OPT_PER_SEQUENCE, OPT_QUERY, OPT_STAGE, OPT_TYPE, OPT_DUE, OPT_PRIORITY, OPT_STATUS, OPT_NOTE,
	OPT_DATE_FORMAT, OPT_CREATE_ACCOUNTS, OPT_DECIMAL_COMMA, OPT_ENRICH, OPT_MAX_CREDITS,
	OPT_TITLE, OPT_SENIORITY, OPT_PER_COMPANY, OPT_DEAL, OPT_AMOUNT, OPT_CLOSED_DATE
};

/* which commands take an option */
#define C_CHECK (1u << CMD_CHECK)
#define C_IMPORT (1u << CMD_IMPORT)
#define C_ENROLL (1u << CMD_ENROLL)
#define C_UNENROLL (1u << CMD_UNENROLL)
#define C_EXPORT (1u << CMD_EXPORT)
#define C_UPDATE (1u << CMD_UPDATE)
#define C_TASKS (1u << CMD_TASKS)
#define C_DEALS (1u << CMD_DEALS)
#define C_PROSPECT (1u << CMD_PROSPECT)
#define C_API (C_IMPORT | C_ENROLL | C_UNENROLL | C_EXPORT | C_UPDATE | C_TASKS | C_DEALS | C_PROSPECT)
#define C_FILES (C_CHECK | C_IMPORT | C_ENROLL | C_UNENROLL | C_UPDATE | C_TASKS | C_DEALS)
#define C_OUT (C_FILES | C_EXPORT)

static const struct {
	struct option opt;
	unsigned commands;
} all_options[] = {
	{ { "format", required_argument, NULL, OPT_FORMAT }, C_CHECK | C_IMPORT | C_EXPORT },
	{ { "map", required_argument, NULL, OPT_MAP }, C_CHECK | C_IMPORT },
	{ { "encoding", required_argument, NULL, OPT_ENCODING }, C_FILES | C_PROSPECT },
	{ { "delimiter", required_argument, NULL, OPT_DELIMITER }, C_FILES | C_PROSPECT },
	{ { "max-field-size", required_argument, NULL, OPT_MAX_FIELD }, C_FILES | C_PROSPECT },
	{ { "output", required_argument, NULL, 'o' }, C_OUT },
	{ { "errors", required_argument, NULL, OPT_ERRORS }, C_FILES },
	{ { "excel", no_argument, NULL, OPT_EXCEL }, C_OUT | C_PROSPECT },
	{ { "force", no_argument, NULL, OPT_FORCE }, C_OUT | C_PROSPECT },
	{ { "quiet", no_argument, NULL, 'q' }, C_OUT | C_PROSPECT },
	{ { "verbose", no_argument, NULL, 'v' }, C_OUT | C_PROSPECT },
	{ { "progress", no_argument, NULL, OPT_PROGRESS }, C_FILES | C_PROSPECT },
	{ { "no-progress", no_argument, NULL, OPT_NO_PROGRESS }, C_FILES | C_PROSPECT },
	{ { "api-key-file", required_argument, NULL, OPT_API_KEY_FILE }, C_API },
	{ { "jobs", required_argument, NULL, OPT_JOBS }, C_API },
	{ { "retries", required_argument, NULL, OPT_RETRIES }, C_API },
	{ { "timeout", required_argument, NULL, OPT_TIMEOUT }, C_API },
	{ { "backoff", required_argument, NULL, OPT_BACKOFF }, C_API },
	{ { "max-wait", required_argument, NULL, OPT_MAX_WAIT }, C_API },
	{ { "resume", no_argument, NULL, OPT_RESUME }, C_IMPORT | C_UPDATE | C_TASKS | C_DEALS | C_PROSPECT },
	{ { "existing", required_argument, NULL, OPT_EXISTING }, C_IMPORT },
	{ { "label", required_argument, NULL, OPT_LABEL }, C_IMPORT | C_ENROLL | C_EXPORT | C_PROSPECT },
	{ { "per-sequence", no_argument, NULL, OPT_PER_SEQUENCE }, C_EXPORT },
	{ { "query", required_argument, NULL, OPT_QUERY }, C_EXPORT },
	{ { "stage", required_argument, NULL, OPT_STAGE }, C_EXPORT | C_DEALS | C_PROSPECT },
	{ { "owner", required_argument, NULL, OPT_OWNER }, C_IMPORT | C_TASKS | C_DEALS | C_PROSPECT },
	{ { "type", required_argument, NULL, OPT_TYPE }, C_TASKS | C_PROSPECT },
	{ { "due", required_argument, NULL, OPT_DUE }, C_TASKS | C_PROSPECT },
	{ { "priority", required_argument, NULL, OPT_PRIORITY }, C_TASKS | C_PROSPECT },
	{ { "status", required_argument, NULL, OPT_STATUS }, C_TASKS | C_PROSPECT },
	{ { "note", required_argument, NULL, OPT_NOTE }, C_TASKS | C_PROSPECT },
	{ { "date-format", required_argument, NULL, OPT_DATE_FORMAT }, C_TASKS | C_DEALS | C_PROSPECT },
	{ { "create-accounts", no_argument, NULL, OPT_CREATE_ACCOUNTS }, C_DEALS },
	{ { "decimal-comma", no_argument, NULL, OPT_DECIMAL_COMMA }, C_DEALS | C_PROSPECT },
	{ { "accounts", no_argument, NULL, OPT_ACCOUNTS }, C_IMPORT },
	{ { "enrich", no_argument, NULL, OPT_ENRICH }, C_IMPORT },
	{ { "max-credits", required_argument, NULL, OPT_MAX_CREDITS }, C_IMPORT | C_PROSPECT },
	{ { "sequence", required_argument, NULL, OPT_SEQUENCE }, C_IMPORT | C_ENROLL | C_UNENROLL | C_EXPORT | C_PROSPECT },
	{ { "active", no_argument, NULL, OPT_ACTIVE }, C_EXPORT },
	{ { "rates", required_argument, NULL, OPT_RATES }, C_EXPORT | C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "wait", required_argument, NULL, OPT_WAIT }, C_EXPORT | C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "report", required_argument, NULL, OPT_REPORT }, C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "from", required_argument, NULL, OPT_FROM }, C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "user", required_argument, NULL, OPT_USER }, C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "allow-inactive", no_argument, NULL, OPT_ALLOW_INACTIVE }, C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "policy", required_argument, NULL, OPT_POLICY }, C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "allow", required_argument, NULL, OPT_ALLOW }, C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "paused-until", required_argument, NULL, OPT_PAUSED_UNTIL }, C_IMPORT | C_ENROLL | C_PROSPECT },
	{ { "start-at", required_argument, NULL, OPT_START_AT }, C_IMPORT },
	{ { "timezone", required_argument, NULL, OPT_TIMEZONE }, C_IMPORT | C_TASKS | C_PROSPECT },
	{ { "enroll-chunk", required_argument, NULL, OPT_ENROLL_CHUNK }, C_IMPORT | C_ENROLL | C_UNENROLL | C_PROSPECT },
	{ { "mode", required_argument, NULL, OPT_MODE }, C_UNENROLL },
	{ { "title", required_argument, NULL, OPT_TITLE }, C_PROSPECT },
	{ { "seniority", required_argument, NULL, OPT_SENIORITY }, C_PROSPECT },
	{ { "per-company", required_argument, NULL, OPT_PER_COMPANY }, C_PROSPECT },
	{ { "deal", required_argument, NULL, OPT_DEAL }, C_PROSPECT },
	{ { "amount", required_argument, NULL, OPT_AMOUNT }, C_PROSPECT },
	{ { "closed-date", required_argument, NULL, OPT_CLOSED_DATE }, C_PROSPECT },
	{ { "help", no_argument, NULL, 'h' }, ~0u },
};
#define N_OPTIONS (sizeof all_options / sizeof all_options[0])

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* "90", "90s", "15m", "2h" -> seconds */
static bool parse_duration(const char *s, long *out)
{
	char *end;
	long v, mult = 1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || v < 0)
		return false;
	if (*end == 's' || *end == 'm' || *end == 'h' || *end == 'd') {
		mult = *end == 's' ? 1 : *end == 'm' ? 60 : *end == 'h' ? 3600 : 86400;
		end++;
	}
	if (*end || v > 10L * 86400 / mult)
		return false;
	*out = v * mult;
	return true;
}

static bool push(const char ***list, size_t *n, const char *v)
{
	const char **nl = realloc(*list, (*n + 1) * sizeof *nl);
	if (!nl)
		return false;
	nl[(*n)++] = v;
	*list = nl;
	return true;
}

/* --from a@x.com,b@x.com: several mailboxes in one value too */
static bool push_split(const char ***list, size_t *n, char *v)
{
	for (char *tok = strtok(v, ","); tok; tok = strtok(NULL, ","))
		if (*tok && !push(list, n, tok))
			return false;
	return true;
}

static const char *command_name(enum command c)
{
	return c == CMD_CHECK ? "check" : c == CMD_IMPORT ? "import" : c == CMD_ENROLL ? "enroll"
	     : c == CMD_UNENROLL ? "unenroll" : c == CMD_EXPORT ? "export" : c == CMD_UPDATE ? "update"
	     : c == CMD_TASKS ? "tasks" : c == CMD_DEALS ? "deals" : c == CMD_PROSPECT ? "prospect" : "?";
}

static int parse_option(struct config *cfg, int c, char *arg)
{
	const char *cmd = command_name(cfg->command);
	long v;
	unsigned bit;
	char text[600];

	switch (c) {
	case OPT_FORMAT:
		if (cfg->command == CMD_EXPORT) {
			if (strcmp(arg, "csv") && strcmp(arg, "json") && strcmp(arg, "html"))
				return usage_error("--format %s: use csv, json or html", arg);
			cfg->report_format = strcmp(arg, "json") == 0 ? 1 : strcmp(arg, "html") == 0 ? 2 : 0;
		} else {
			cfg->format = arg;
		}
		break;
	case OPT_MAP: return add_map(cfg, arg);
	case OPT_ENCODING:
		if (!encoding_parse(arg, &cfg->encoding))
			return usage_error("--encoding %s: use utf-8, utf-16le, utf-16be, windows-1252 or latin-1", arg);
		break;
	case OPT_DELIMITER:
		if (!parse_delimiter(arg, &cfg->delimiter))
			return usage_error("--delimiter %s: give one character, e.g. , ; | or tab", arg);
		break;
	case OPT_MAX_FIELD:
		if (!parse_size(arg, &cfg->max_field))
			return usage_error("--max-field-size %s: give a size from 16 bytes to 2G, e.g. 1M or 512K", arg);
		break;
	case 'o': cfg->output = arg; break;
	case OPT_ERRORS: cfg->errors = arg; break;
	case OPT_EXCEL: cfg->excel = true; break;
	case OPT_FORCE: cfg->force = true; break;
	case 'q': cfg->quiet = true; break;
	case 'v': cfg->verbose = true; break;
	case OPT_PROGRESS: cfg->progress = 1; break;
	case OPT_NO_PROGRESS: cfg->progress = 0; break;
	case OPT_API_KEY_FILE: cfg->api_key_file = arg; break;
	case OPT_JOBS:
		if (!parse_long(arg, 1, 16, &v))
			return usage_error("--jobs %s: give a number from 1 to 16", arg);
		cfg->jobs = (int)v;
		break;
	case OPT_RETRIES:
		if (!parse_long(arg, 0, 20, &v))
			return usage_error("--retries %s: give a number from 0 to 20", arg);
		cfg->retries = (int)v;
		break;
	case OPT_TIMEOUT:
		if (!parse_duration(arg, &v) || v < 1)
			return usage_error("--timeout %s: give a duration such as 60 or 2m", arg);
		cfg->timeout_ms = v * 1000;
		break;
	case OPT_BACKOFF:
		if (!parse_long(arg, 1, 60000, &v))
			return usage_error("--backoff %s: give milliseconds from 1 to 60000", arg);
		cfg->backoff_ms = v;
		break;
	case OPT_MAX_WAIT:
		if (!parse_duration(arg, &cfg->max_wait))
			return usage_error("--max-wait %s: give a duration such as 90s, 15m or 2h", arg);
		break;
	case OPT_RESUME: cfg->resume = true; break;
	case OPT_EXISTING:
		if (strcmp(arg, "skip") && strcmp(arg, "update"))
			return usage_error("--existing %s: use skip or update", arg);
		cfg->update_existing = strcmp(arg, "update") == 0;
		break;
	case OPT_LABEL:
		if (!*arg)
			return usage_error("%s", "--label needs a list name");
		if (!push(&cfg->labels, &cfg->nlabels, arg))
			return usage_error("%s", "out of memory");
		break;
	case OPT_OWNER: cfg->owner = arg; break;
	case OPT_ACCOUNTS: cfg->accounts = true; break;
	case OPT_ENRICH: cfg->enrich = true; break;
	case OPT_MAX_CREDITS:
		if (!parse_long(arg, 0, 100000000, &v))
			return usage_error("--max-credits %s: give a number of credits, e.g. 100", arg);
		cfg->max_credits = v;
		break;
	case OPT_SEQUENCE:
		if (cfg->command == CMD_EXPORT && !push(&cfg->sequences, &cfg->nsequences, arg))
			return usage_error("%s", "out of memory");
		cfg->sequence = arg;
		break;
	case OPT_ACTIVE: cfg->active_only = true; break;
	case OPT_RATES:
		if (strcmp(arg, "percent") && strcmp(arg, "fraction"))
			return usage_error("--rates %s: use percent or fraction", arg);
		cfg->fraction_rates = strcmp(arg, "fraction") == 0;
		break;
	case OPT_WAIT:
		if (!parse_duration(arg, &cfg->wait))
			return usage_error("--wait %s: give a duration such as 90s or 10m", arg);
		break;
	case OPT_REPORT: cfg->report = arg; break;
	case OPT_PER_SEQUENCE: cfg->per_sequence = true; break;
	case OPT_QUERY: cfg->query = arg; break;
	case OPT_STAGE: cfg->stage = arg; break;
	case OPT_TYPE:
		if (!(cfg->task_type = task_type_from(arg))) {
			snprintf(text, sizeof text, "--type %s: use one of %s", arg, task_types_list);
			return usage_error("%s", text);
		}
		break;
	case OPT_DUE: cfg->task_due = arg; break;   /* read with --timezone, by tasks */
	case OPT_PRIORITY:
		if (!(cfg->task_priority = task_priority_from(arg)))
			return usage_error("--priority %s: use high, medium or low", arg);
		break;
	case OPT_STATUS:
		if (!(cfg->task_status = task_status_from(arg)))
			return usage_error("--status %s: use scheduled, completed or skipped", arg);
		break;
	case OPT_NOTE: cfg->task_note = arg; break;
	case OPT_DATE_FORMAT: {
		enum date_order o;
		if (!date_order_from(arg, &o))
			return usage_error("--date-format %s: use dmy, mdy or ymd", arg);
		cfg->date_order = (int)o;
		break;
	}
	case OPT_CREATE_ACCOUNTS: cfg->create_accounts = true; break;
	case OPT_TITLE:
	case OPT_SENIORITY:
		if (!*arg)
			return usage_error("%s", c == OPT_TITLE ? "--title needs a job title" : "--seniority needs a level");
		if (!(c == OPT_TITLE ? push(&cfg->titles, &cfg->ntitles, arg)
		                     : push(&cfg->seniorities, &cfg->nseniorities, arg)))
			return usage_error("%s", "out of memory");
		break;
	case OPT_PER_COMPANY:
		if (!parse_long(arg, 1, 100, &v))
			return usage_error("--per-company %s: give a number of people from 1 to 100", arg);
		cfg->per_company = (size_t)v;
		break;
	case OPT_DEAL:
		if (!*arg)
			return usage_error("%s", "--deal needs a name, e.g. \"{company} - new business\"");
		cfg->deal_name = arg;
		break;
	case OPT_AMOUNT: cfg->deal_amount = arg; break;
	case OPT_CLOSED_DATE: cfg->closed_date = arg; break;
	case OPT_DECIMAL_COMMA: cfg->decimal_comma = true; break;
	case OPT_FROM:
		if (!push_split(&cfg->mailboxes, &cfg->nmailboxes, arg))
			return usage_error("%s", "out of memory");
		break;
	case OPT_USER: cfg->user = arg; break;
	case OPT_ALLOW_INACTIVE: cfg->allow_inactive = true; break;
	case OPT_POLICY:
		if (strcmp(arg, "conservative") == 0)
			cfg->allow = 0;
		else if (strcmp(arg, "aggressive") == 0)
			cfg->allow |= ALLOW_UNVERIFIED | ALLOW_ACTIVE_IN_OTHER | ALLOW_FINISHED_IN_OTHER;
		else
			return usage_error("--policy %s: use conservative or aggressive", arg);
		break;
	case OPT_ALLOW:
		if (!skip_allow_parse(arg, &bit)) {
			snprintf(text, sizeof text, "--allow %s: use one of %s", arg, skip_allow_list());
			return usage_error("%s", text);
		}
		cfg->allow |= bit;
		break;
	case OPT_PAUSED_UNTIL: {
		time_t t;
		if (!parse_instant(arg, &t))
			return usage_error("--paused-until %s: give a time such as 2026-12-01T09:00:00Z, "
			                   "2026-12-01T09:00-05:00 or 2026-12-01 09:00 (UTC)", arg);
		cfg->paused_until = arg;
		cfg->paused_until_t = t;
		break;
	}
	case OPT_START_AT:
		if (!parse_clock(arg, &cfg->start_at))
			return usage_error("--start-at %s: give a time of day as HH:MM, e.g. 09:30", arg);
		break;
	case OPT_TIMEZONE:
		if (!zone_known(arg))
			return usage_error("--timezone %s: not a time zone this machine knows; use a name "
			                   "such as America/New_York, Europe/Berlin or UTC", arg);
		cfg->timezone = arg;
		break;
	case OPT_ENROLL_CHUNK:
		if (!parse_long(arg, 1, 1000, &v))
			return usage_error("--enroll-chunk %s: give a number from 1 to 1000", arg);
		cfg->enroll_chunk = (size_t)v;
		break;
	case OPT_MODE:
		if (strcmp(arg, "finished") == 0)
			cfg->mode = "mark_as_finished";
		else if (strcmp(arg, "remove") == 0 || strcmp(arg, "stop") == 0)
			cfg->mode = arg;
		else
			return usage_error("--mode %s: use finished, remove or stop", arg);
		break;
	default:
		snprintf(text, sizeof text, "%s: unknown option", cmd);
		return usage_error("%s", text);
	}
	return EXIT_OK;
}

static int check_files(struct config *cfg, const char *cmd)
{
	char text[600];
	for (size_t i = 0; i < cfg->nfiles; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(cfg->files[i], cfg->files[j]) == 0) {
				snprintf(text, sizeof text, "%s: %s is named twice", cmd, cfg->files[i]);
				return usage_error("%s", text);
			}
	if (cfg->nfiles > 1 && cfg->output) {
		snprintf(text, sizeof text, "%s: -o takes one input FILE; without -o each FILE gets "
		         "FILE.results.csv", cmd);
		return usage_error("%s", text);
	}
	if (cfg->nfiles > 1 && cfg->errors) {
		snprintf(text, sizeof text, "%s: --errors takes one input FILE", cmd);
		return usage_error("%s", text);
	}
	if (cfg->output && cfg->errors && strcmp(cfg->output, cfg->errors) == 0 && strcmp(cfg->output, "-")) {
		snprintf(text, sizeof text, "%s: -o and --errors name the same file", cmd);
		return usage_error("%s", text);
	}
	return EXIT_OK;
}

/* what the options of one command must say together */
static int check_api_command(struct config *cfg, const char *cmd)
{
	char text[600];
	bool enrols = cfg->command == CMD_ENROLL || (cfg->command == CMD_IMPORT && cfg->sequence);

	if (cfg->command == CMD_IMPORT && cfg->nfiles != 1)
		return usage_error("%s", "import: name one FILE (or - for standard input)");
	if (cfg->command == CMD_ENROLL && (cfg->nfiles > 1 || (cfg->nfiles == 1) == (cfg->nlabels > 0)))
		return usage_error("%s", "enroll: give either one FILE of contact ids or --label NAME...");
	if (cfg->command == CMD_UNENROLL && cfg->nfiles != 1)
		return usage_error("%s", "unenroll: name one FILE of contact ids");
	if (cfg->resume && cfg->nfiles == 1 && strcmp(cfg->files[0], "-") == 0) {
		snprintf(text, sizeof text, "%s: --resume needs the same FILE again, not standard input", cmd);
		return usage_error("%s", text);
	}
	if (cfg->resume && cfg->output && strcmp(cfg->output, "-") == 0) {
		snprintf(text, sizeof text, "%s: --resume reads the results file, so it cannot be standard output", cmd);
		return usage_error("%s", text);
	}
	if (cfg->command == CMD_UPDATE) {
		if (cfg->nfiles != 1)
			return usage_error("%s", "update: name one FILE (an edited export of contacts)");
		return EXIT_OK;
	}
	if (cfg->command == CMD_PROSPECT) {
		if (cfg->nfiles != 1 || strcmp(cfg->files[0], "-") == 0)
			return usage_error("%s", "prospect: name one FILE of company domains (it is read twice, so "
			                   "not standard input)");
		if (cfg->sequence && !cfg->nmailboxes)
			return usage_error("%s", "prospect: --from MAILBOX is required with --sequence (the address "
			                   "the sequence sends from)");
		if (!cfg->sequence && (cfg->nmailboxes || cfg->user || cfg->allow || cfg->paused_until ||
		                       cfg->allow_inactive || cfg->report))
			return usage_error("%s", "prospect: --from, --user, --allow, --policy, --paused-until and "
			                   "--report go with --sequence");
		if (cfg->task_type && (!cfg->task_due || !cfg->owner))
			return usage_error("%s", "prospect: a follow-up task (--type) needs --due WHEN and --owner USER");
		if (!cfg->task_type && (cfg->task_due || cfg->task_priority || cfg->task_status || cfg->task_note))
			return usage_error("%s", "prospect: --due, --priority, --status and --note go with --type");
		if (!cfg->deal_name && (cfg->deal_amount || cfg->closed_date || cfg->stage))
			return usage_error("%s", "prospect: --amount, --closed-date and --stage go with --deal");
		return EXIT_OK;
	}
	if (cfg->command == CMD_TASKS || cfg->command == CMD_DEALS) {
		if (cfg->nfiles != 1) {
			snprintf(text, sizeof text, "%s: name one FILE (or - for standard input)", cmd);
			return usage_error("%s", text);
		}
		return EXIT_OK;
	}
	if ((cfg->command != CMD_IMPORT || cfg->sequence) && !cfg->sequence) {
		snprintf(text, sizeof text, "%s: --sequence NAME|ID is required", cmd);
		return usage_error("%s", text);
	}
	if (cfg->command == CMD_UNENROLL && !cfg->mode)
		return usage_error("%s", "unenroll: --mode finished|remove|stop is required");
	if (enrols && !cfg->nmailboxes) {
		snprintf(text, sizeof text, "%s: --from MAILBOX is required with --sequence (the address "
		         "the sequence sends from)", cmd);
		return usage_error("%s", text);
	}
	if (cfg->command == CMD_IMPORT && cfg->max_credits >= 0 && !cfg->enrich)
		return usage_error("%s", "import: --max-credits limits --enrich; give --enrich too");
	if (!enrols && cfg->command == CMD_IMPORT &&
	    (cfg->nmailboxes || cfg->user || cfg->allow || cfg->paused_until || cfg->start_at >= 0 ||
	     cfg->allow_inactive))
		return usage_error("%s", "import: --from, --user, --allow, --policy, --paused-until and "
		                   "--start-at go with --sequence");
	if (cfg->report && !cfg->sequence) {
		snprintf(text, sizeof text, "%s: --report writes the numbers of the sequence enrolled into; "
		         "it goes with --sequence", cmd);
		return usage_error("%s", text);
	}
	if (cfg->paused_until && cfg->start_at >= 0) {
		snprintf(text, sizeof text, "%s: --paused-until and --start-at do not go together", cmd);
		return usage_error("%s", text);
	}
	if (cfg->timezone && cfg->start_at < 0) {
		snprintf(text, sizeof text, "%s: --timezone goes with --start-at", cmd);
		return usage_error("%s", text);
	}
	if (cfg->command == CMD_ENROLL && cfg->nlabels && (cfg->output || cfg->errors))
		return usage_error("%s", "enroll --label writes no results file: -o and --errors go with "
		                   "a FILE");
	return EXIT_OK;
}

static int check_export(struct config *cfg)
{
	if (cfg->nfiles != 1 || (strcmp(cfg->files[0], "sequences") && strcmp(cfg->files[0], "contacts")))
		return usage_error("%s", "export: say what to export: apollo-csv export sequences|contacts "
		                   "[OPTIONS]");
	cfg->export_contacts = strcmp(cfg->files[0], "contacts") == 0;
	cfg->nfiles = 0;
	if (!cfg->export_contacts && (cfg->nlabels || cfg->per_sequence || cfg->query || cfg->stage))
		return usage_error("%s", "export sequences: --label, --per-sequence, --query and --stage "
		                   "go with export contacts");
	if (cfg->export_contacts && (cfg->active_only || cfg->fraction_rates || cfg->wait || cfg->report_format))
		return usage_error("%s", "export contacts: --active, --rates, --wait and --format go with "
		                   "export sequences");
	if (cfg->export_contacts && cfg->nsequences > 1)
		return usage_error("%s", "export contacts: --sequence takes one sequence");
	if (cfg->quiet && cfg->verbose)
		return usage_error("%s", "export: --quiet and --verbose do not go together");
	return EXIT_OK;
}

static int parse_command(int argc, char **argv, struct config *cfg)
{
	const char *cmd = command_name(cfg->command);
	unsigned mask = 1u << cfg->command;
	struct option opts[N_OPTIONS + 1];
	size_t n = 0;
	int c, rc;
	char text[600];

	for (size_t i = 0; i < N_OPTIONS; i++)
		if (all_options[i].commands & mask)
			opts[n++] = all_options[i].opt;
	memset(&opts[n], 0, sizeof opts[n]);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qvh", opts, NULL)) != -1) {
		if (c == 'h') {
			cfg->help_topic = cmd;
			cfg->command = CMD_HELP;
			return EXIT_OK;
		}
		if (c == ':') {
			snprintf(text, sizeof text, "%s: option %s needs a value", cmd, argv[optind - 1]);
			return usage_error("%s", text);
		}
		if (c == '?') {
			snprintf(text, sizeof text, "%s: unknown option %s", cmd, argv[optind - 1]);
			return usage_error("%s", text);
		}
		if ((rc = parse_option(cfg, c, optarg)) != EXIT_OK)
			return rc;
	}
	cfg->files = argv + optind;
	cfg->nfiles = (size_t)(argc - optind);
	if (cfg->command == CMD_EXPORT)
		return check_export(cfg);
	if (cfg->command == CMD_CHECK && cfg->nfiles == 0)
		return usage_error("%s", "check: name at least one FILE (or - for standard input)");
	if ((rc = check_files(cfg, cmd)) != EXIT_OK)
		return rc;
	if (cfg->command != CMD_CHECK && (rc = check_api_command(cfg, cmd)) != EXIT_OK)
		return rc;
	if (cfg->quiet && cfg->verbose) {
		snprintf(text, sizeof text, "%s: --quiet and --verbose do not go together", cmd);
		return usage_error("%s", text);
	}
	if (cfg->verbose)
		cfg->max_messages = (unsigned long)-1;
	return EXIT_OK;
}

int cli_parse(int argc, char **argv, struct config *cfg)
{
	const char *cmd;

	memset(cfg, 0, sizeof *cfg);
	cfg->progress = -1;
	cfg->max_field = CSV_DEFAULT_MAX_FIELD;
	cfg->max_messages = 20;
	cfg->jobs = 4;
	cfg->retries = 6;
	cfg->timeout_ms = 60000;
	cfg->backoff_ms = 500;
	cfg->max_wait = 15 * 60;
	cfg->start_at = -1;
	cfg->enroll_chunk = 100;
	cfg->max_credits = -1;
	cfg->per_company = 3;
	if (argc < 2) {
		cfg->command = CMD_HELP;
		return usage_error("%s", "no command given");
	}
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		cfg->command = CMD_HELP;
		return EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		cfg->command = CMD_VERSION;
		return EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0) {
		cfg->command = CMD_HELP;
		cfg->help_topic = argc > 2 ? argv[2] : NULL;
		return EXIT_OK;
	}
	for (enum command c = CMD_CHECK; c <= CMD_PROSPECT; c++)
		if (strcmp(cmd, command_name(c)) == 0) {
			cfg->command = c;
			return parse_command(argc - 1, argv + 1, cfg);
		}
	return usage_error("unknown command \"%s\"", cmd);
}

void cli_free(struct config *cfg)
{
	free(cfg->maps);
	free(cfg->labels);
	free(cfg->mailboxes);
	free(cfg->sequences);
	free(cfg->titles);
	free(cfg->seniorities);
	cfg->titles = cfg->seniorities = NULL;
	cfg->sequences = NULL;
	cfg->maps = NULL;
	cfg->labels = cfg->mailboxes = NULL;
}
