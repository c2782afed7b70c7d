package io.lskd.spec;

/** A task's data and evaluation settings; each task plugin registers its own record. */
public interface TaskSpec {
}
