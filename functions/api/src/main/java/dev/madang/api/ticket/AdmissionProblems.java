package dev.madang.api.ticket;

import dev.madang.api.support.Problem;
import dev.madang.domain.ticket.AlreadyAdmitted;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A repeated scan is a 409 {@code already-admitted} problem that also says when, at which gate and by which scanner
 * the ticket was let in (an RFC 9457 extension member, {@code firstAdmission}), so the door can tell a copied code from
 * a fan stepping out and back.
 */
public class AdmissionProblems {

    @ServerExceptionMapper
    public Response alreadyAdmitted(AlreadyAdmitted e) {
        Problem p = Problem.of(409, e.type(), "Conflict", e.getMessage(), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("firstAdmission", TicketViews.AdmissionView.of(e.first()));
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
