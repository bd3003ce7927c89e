package com.calroute.ewssim.operations;

/** One EWS operation: turns a parsed request into the complete response document. */
@FunctionalInterface
public interface Operation {
    byte[] execute(OperationContext context);
}
