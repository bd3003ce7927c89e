package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.WindowsTimeZones;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import org.w3c.dom.Element;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GetServerTimeZones (MS-OXWSGTZ): the definitions of the Windows zones the simulator knows, all of them or those
 * the request's {@code Ids} name; an id the server does not know is left out without an error. With
 * {@code ReturnFullTimeZoneData="false"} only Id and Name; otherwise (the attribute left out included) the periods
 * and transitions too.
 */
public final class GetServerTimeZonesOperation implements Operation {

    @Override
    public byte[] execute(OperationContext context) {
        Element request = context.operation();
        boolean full = !"false".equalsIgnoreCase(Dom.attr(request, "ReturnFullTimeZoneData"));
        Map<String, ZoneId> known = WindowsTimeZones.known();
        List<String> wanted = new ArrayList<>();
        Element ids = Dom.child(request, EwsNamespaces.MESSAGES, "Ids");
        if (ids == null) {
            wanted.addAll(known.keySet());
        } else {
            for (Element id : Dom.children(ids, EwsNamespaces.TYPES, "Id")) {
                String name = Dom.text(id).trim();
                if (known.containsKey(name) && !wanted.contains(name)) {
                    wanted.add(name);
                }
            }
        }
        XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "GetServerTimeZonesResponse", 4096);
        SoapEnvelopes.beginSuccess(w, "GetServerTimeZonesResponseMessage");
        w.start("m:TimeZoneDefinitions");
        for (String id : wanted) {
            TimeZoneDefinitionWriter.write(w, "t:TimeZoneDefinition", known.get(id), full);
        }
        w.end().end();
        return SoapEnvelopes.finish(w);
    }
}
