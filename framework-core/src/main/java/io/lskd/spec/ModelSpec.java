package io.lskd.spec;

/** An architecture; each task plugin registers the models it can build. */
public interface ModelSpec {
}
