/**
 * Files that survive a crash: whole files written to a temporary name, synced and renamed
 * over the target, and a checksummed format for named arrays (checkpoints, cached teacher
 * outputs).
 */
package io.lskd.files;
