package org.jvirt.driver.xm.cfg;

/**
 * One thing wrong with the text of a configuration file, where the reader found it.
 *
 * @param line the line, from 1
 * @param column the column, from 1
 * @param message what is wrong, without the position
 */
record ConfProblem(int line, int column, String message) {
}
