# Sourced by the mongo image's entrypoint on the first start (empty data directory), while mongod still runs
# without authentication on 127.0.0.1 only: creates a user per service from users.tsv, each with the password
# `./mailtrail compose-secrets` made for it (the secret mounted at the table's password file). `mongo` (the shell,
# with host and port) and `_js_escape` are the entrypoint's.
while IFS=$'\t' read -r user database others password_file; do
  case "$user" in '' | '#'*) continue ;; esac
  if [ ! -s "$password_file" ]; then
    echo >&2 "create-users.sh: no password for the MongoDB user $user in $password_file (run ./mailtrail compose-secrets)"
    exit 1
  fi
  roles="{ role: 'readWrite', db: $(_js_escape "$database") }"
  if [ "$others" != "-" ]; then
    IFS=, read -ra shared <<< "$others"
    for other in "${shared[@]}"; do
      roles+=", { role: 'readWrite', db: $(_js_escape "$other") }"
    done
  fi
  # On standard input, not the command line: the password stays out of the process list.
  "${mongo[@]}" "$database" <<-EOJS
	db.createUser({ user: $(_js_escape "$user"), pwd: $(_js_escape "$(cat "$password_file")"), roles: [ $roles ] })
	EOJS
  echo "create-users.sh: MongoDB user $user, readWrite on $database (and on: $others)"
done < /deploy/mongo/users.tsv
