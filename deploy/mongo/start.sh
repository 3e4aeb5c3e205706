#!/bin/bash
# The mongo service's entrypoint: the replica set key comes as a compose secret, a file mounted with the host's owner
# and mode, and mongod accepts only a key file that its own user owns and no one else can read. So a copy is made,
# in memory, then the image's own entrypoint takes over (as root, it drops to the mongodb user).
set -euo pipefail
install -o mongodb -g mongodb -m 400 /run/secrets/mongo-keyfile /run/mongodb/keyfile
exec docker-entrypoint.sh "$@"
