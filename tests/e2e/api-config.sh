#!/bin/sh
# where the key and base URL come from when the environment does not say:
# $XDG_CONFIG_HOME/apollo-csv/config; a config file holding a key that
# others can read is refused; the environment wins over the file; the key
# shows up nowhere, --verbose included; a refused key's message names where
# it came from (APOLLO_API_KEY, the config file, the key file).
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start
unset APOLLO_API_KEY APOLLO_BASE_URL
mkdir -p cfg/apollo-csv
printf '# a comment\napi_key = %s\nbase_url = %s\n' "$KEY" "$BASE" > cfg/apollo-csv/config
chmod 600 cfg/apollo-csv/config
printf 'First Name,Last Name,Email,Company\nKai,Berg,kai.berg@config-test.example,Config Co\n' > r.csv

XDG_CONFIG_HOME=$PWD/cfg "$APOLLO_CSV" import --verbose --no-progress r.csv > out 2> err ||
	fail "key and URL from the config file: exit status $? ($(cat err))"
grep -q ',created,' r.results.csv || fail "the config file's key: $(cat r.results.csv)"
stats
expect_stat '"POST /api/v1/contacts/bulk_create":1'
! grep -q "$KEY" out err r.results.csv || fail "the key shows up in the output: $(cat err)"

chmod 644 cfg/apollo-csv/config
XDG_CONFIG_HOME=$PWD/cfg "$APOLLO_CSV" import --force --no-progress r.csv > out 2> err
[ $? = 4 ] || fail "a config file others can read: expected exit status 4 ($(cat err))"
grep -q "chmod 600" err || fail "a config file others can read: $(cat err)"

# the environment wins: a wrong key there is used (and refused), not the file's
chmod 600 cfg/apollo-csv/config
APOLLO_API_KEY=not-a-key XDG_CONFIG_HOME=$PWD/cfg "$APOLLO_CSV" import --force --no-progress r.csv > out 2> err
[ $? = 4 ] || fail "APOLLO_API_KEY over the config file: expected exit status 4 ($(cat err))"
! grep -q "not-a-key" out err r.results.csv 2> /dev/null || fail "the wrong key shows up: $(cat err)"
grep -q "Apollo refused the key from APOLLO_API_KEY: .*(HTTP 401)" err ||
	fail "a refused key from APOLLO_API_KEY: the message does not name it: $(cat err)"

# a refused key names where it came from: the config file, the key file
printf 'api_key = not-the-key\nbase_url = %s\n' "$BASE" > cfg/apollo-csv/config
XDG_CONFIG_HOME=$PWD/cfg "$APOLLO_CSV" import --force --no-progress r.csv > out 2> err
[ $? = 4 ] || fail "a refused key from the config file: expected exit status 4 ($(cat err))"
grep -qF "Apollo refused the key from the config file $PWD/cfg/apollo-csv/config: " err ||
	fail "a refused key from the config file: the message does not name it: $(cat err)"
! grep -q "not-the-key" out err r.results.csv || fail "the config file's wrong key shows up: $(cat err)"
printf 'not-the-key-either\n' > key
chmod 600 key
APOLLO_BASE_URL=$BASE "$APOLLO_CSV" import --force --no-progress --api-key-file key r.csv > out 2> err
[ $? = 4 ] || fail "a refused key from --api-key-file: expected exit status 4 ($(cat err))"
grep -qF "Apollo refused the key from the key file key: " err ||
	fail "a refused key from --api-key-file: the message does not name it: $(cat err)"
! grep -q "not-the-key-either" out err r.results.csv || fail "the key file's wrong key shows up: $(cat err)"

printf 'no equals sign here\n' > cfg/apollo-csv/config
XDG_CONFIG_HOME=$PWD/cfg "$APOLLO_CSV" import --force --no-progress r.csv > out 2> err
[ $? = 4 ] || fail "a config file with a bad line: expected exit status 4"
grep -q "config:1:" err || fail "a bad config line is not named by line: $(cat err)"

# APOLLO_PARAMS and the config file's params: only auto, query or body
APOLLO_PARAMS=Query APOLLO_API_KEY=$KEY APOLLO_BASE_URL=$BASE "$APOLLO_CSV" import --force --no-progress r.csv > out 2> err
[ $? = 4 ] || fail "APOLLO_PARAMS=Query: expected exit status 4 ($(cat err))"
grep -qF "APOLLO_PARAMS=Query: give auto, query or body" err || fail "APOLLO_PARAMS=Query: $(cat err)"
printf 'params = url\n' > cfg/apollo-csv/config
APOLLO_API_KEY=$KEY APOLLO_BASE_URL=$BASE XDG_CONFIG_HOME=$PWD/cfg "$APOLLO_CSV" import --force --no-progress r.csv > out 2> err
[ $? = 4 ] || fail "params = url: expected exit status 4 ($(cat err))"
grep -q "config:1: params = url: give auto, query or body" err || fail "params = url: $(cat err)"
