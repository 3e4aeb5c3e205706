/**
 * {@code ./mailtrail benchmark}: runs the whole stack on this machine, pushes mail through it at fixed rates and
 * prints (and writes as JSON) latency, throughput, Graph cost and memory next to two baselines measured in the
 * same run: a raw broker echo for the matcher alone, and Business Central's way of reading the same mail stream.
 */
package org.mailtrail.localrun.benchmark;
