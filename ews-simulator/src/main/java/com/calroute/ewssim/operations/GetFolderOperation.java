package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import org.w3c.dom.Element;

/** GetFolder for the calendar folder (the only folder the simulator models). */
public final class GetFolderOperation implements Operation {
    private static final String MESSAGE = "GetFolderResponseMessage";

    @Override
    public byte[] execute(OperationContext context) {
        Element request = context.operation();
        String baseShape = Dom.childText(Dom.child(request, EwsNamespaces.MESSAGES, "FolderShape"), EwsNamespaces.TYPES, "BaseShape");
        boolean idOnly = "IdOnly".equals(baseShape);
        XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "GetFolderResponse", 2048);
        for (Element folderId : Dom.childElements(Dom.child(request, EwsNamespaces.MESSAGES, "FolderIds"))) {
            try {
                Mailbox mailbox = context.resolveFolder(folderId);
                SoapEnvelopes.beginSuccess(w, MESSAGE);
                w.start("m:Folders").start("t:CalendarFolder");
                w.start("t:FolderId").attr("Id", mailbox.calendarFolderId()).attr("ChangeKey", mailbox.calendarFolderChangeKey()).end();
                if (!idOnly) {
                    w.element("t:FolderClass", "IPF.Appointment");
                    w.element("t:DisplayName", "Calendar");
                    w.element("t:TotalCount", mailbox.itemCount());
                    w.element("t:ChildFolderCount", 0);
                }
                w.end().end().end();
            } catch (MessageError error) {
                context.noteResponseCode(error.responseCode());
                SoapEnvelopes.beginError(w, MESSAGE, error);
                w.end();
            }
        }
        return SoapEnvelopes.finish(w);
    }
}
