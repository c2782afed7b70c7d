/** Image classification for lskd: data, models and the task adapter, registered by {@link io.lskd.vision.VisionPlugin}. */
package io.lskd.vision;
