package io.pushfleet.control.push;

/** Runs work in one database transaction: every repository call inside commits or rolls back together. */
public interface Transactions {

    void run(Runnable work);
}
