#!/bin/sh
# The container's start: refuse an unsafe exposure first, then migrations, the seeds (idempotent), the server.
# `eventkb check-config` exits 2 when writes would be open to anyone who can reach the container
# (EVENTKB_ALLOW_ANONYMOUS_WRITES on a non-loopback EVENTKB_HOST without EVENTKB_API_KEY).
set -eu
eventkb check-config
eventkb migrate
eventkb seed
exec eventkb serve "$@"
