/** Small numerical helpers in plain Java double precision. */
package io.lskd.math;
