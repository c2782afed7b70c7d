/** The {@code lskd} command line: run suites, list them, compute metrics from files. */
package io.lskd.cli;
