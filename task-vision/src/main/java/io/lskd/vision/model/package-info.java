/** The vision task's architectures as SameDiff graphs (NHWC), built with {@link io.lskd.graph.GraphBuilder}. */
package io.lskd.vision.model;
