/**
 * The fault-injecting TCP proxy between a local cluster's processes: directed links between named
 * processes (found through /proc), each passing, dropping, resetting, delaying or throttling its bytes.
 */
package io.atolldb.chaos.proxy;
