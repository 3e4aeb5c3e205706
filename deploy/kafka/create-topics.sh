#!/bin/sh
# Creates every topic of deploy/kafka/topics.tsv on the broker at $1 (idempotent), using the
# kafka-topics.sh of the Apache Kafka distribution ($KAFKA_HOME, /opt/kafka in the image).
set -eu
bootstrap=${1:?usage: create-topics.sh <bootstrap-servers> [topics.tsv]}
topics=${2:-$(dirname "$0")/topics.tsv}
kafka_topics=${KAFKA_HOME:-/opt/kafka}/bin/kafka-topics.sh
grep -v '^#' "$topics" | while IFS="$(printf '\t')" read -r name partitions policy; do
  [ -n "$name" ] || continue
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "${REPLICATION_FACTOR:-1}" --config "cleanup.policy=$policy"
done
echo "topics ready"
