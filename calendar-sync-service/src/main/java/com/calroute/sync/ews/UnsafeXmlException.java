package com.calroute.sync.ews;

import java.io.IOException;

/** Thrown while reading an Exchange response that carries a DTD or entity declaration (XXE, entity expansion). */
public class UnsafeXmlException extends IOException {

    public UnsafeXmlException() {
        super("the response contains an XML document type or entity declaration; refusing to parse it");
    }
}
