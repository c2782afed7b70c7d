package io.lskd.spark;

import java.io.Serializable;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A suite's results folder on a Hadoop file system as it travels to the tasks: its URI, the
 * driver's Hadoop configuration (Spark's spark.hadoop.* settings and what the driver found,
 * e.g. credentials), and the execution it belongs to, so that each execution stages into a
 * fresh local copy.
 */
record RemoteOut(String uri, SerializableConfiguration conf, String execution) implements Serializable {
}
