package io.pushfleet.control.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one {@link Clock} of the application (UTC system time), injected wherever time is read.
 * Singleton rather than application scoped: {@link Clock} is a JDK class that needs no client proxy.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
