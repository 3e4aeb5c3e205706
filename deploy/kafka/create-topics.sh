#!/bin/sh
# Creates every topic of deploy/kafka/topics.tsv on the broker at $1 and sets its cleanup.policy, retention.ms and
# segment.ms, on a topic that exists already too (so a changed retention takes effect when this runs again). Uses
# kafka-topics.sh and kafka-configs.sh of the Apache Kafka distribution ($KAFKA_HOME, /opt/kafka in the image).
# A topic's retention.ms can be overridden from the environment: RETENTION_<NAME>_MS, NAME the topic's name in
# capitals with '.' and '-' as '_' (RETENTION_MAIL_RECEIVED_V1_MS), or RETENTION_DEAD_LETTERS_MS for every
# dead-letter topic (*.dlq) at once; a topic's own variable wins. An empty variable is no override.
# Partitions are only set on creation: Kafka cannot take partitions away, and adding some moves keys.
set -eu
bootstrap=${1:?usage: create-topics.sh <bootstrap-servers> [topics.tsv]}
topics=${2:-$(dirname "$0")/topics.tsv}
kafka_bin=${KAFKA_HOME:-/opt/kafka}/bin

# Takes the variable named $1 as the retention.ms when it is set and not empty.
take_override() {
  eval "value=\${$1:-}"
  case "$value" in
    '') return 0 ;;
    -1) ;;
    *[!0-9]*) echo "create-topics.sh: $1=$value is not a number of milliseconds or -1" >&2; exit 2 ;;
  esac
  retention=$value
}

# Every topic with its settings, overrides applied: all checked before the broker is changed.
settings() {
  grep -v '^#' "$topics" | while IFS="$(printf '\t')" read -r name partitions policy retention segment; do
    [ -n "$name" ] || continue
    case "$name" in
      *.dlq) take_override RETENTION_DEAD_LETTERS_MS ;;
    esac
    take_override "RETENTION_$(echo "$name" | tr 'a-z.-' 'A-Z__')_MS"
    printf '%s %s %s %s %s\n' "$name" "$partitions" "$policy" "$retention" "$segment"
  done
}

planned=$(settings)
echo "$planned" | while read -r name partitions policy retention segment; do
  "$kafka_bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "${REPLICATION_FACTOR:-1}"
  "$kafka_bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter --entity-type topics --entity-name "$name" \
    --add-config "cleanup.policy=$policy,retention.ms=$retention,segment.ms=$segment"
done
echo "topics ready"
