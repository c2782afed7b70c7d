/**
 * The Spark executor of lskd ({@code lskd run SUITE --executor spark}): a suite's runs as Spark
 * tasks, stage by stage (teachers, then their students), each task one run trained, resumed or
 * skipped by {@link io.lskd.run.DetachedRuns}, in the suite's folder on a file system shared by
 * the driver and the executors, or in a local copy of a folder on any Hadoop file system
 * (hdfs://, s3a://, ...) whose files each task sends up as its run goes. A module of its own so
 * that Spark and Hadoop stay out of lskd.jar.
 */
package io.lskd.spark;
