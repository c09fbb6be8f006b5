package dev.madang.api.order;

import dev.madang.api.support.TouchesTables;
import dev.madang.aws.toss.TossWebhooks;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.order.ReceivingPaymentEvents;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * Toss Payments' webhooks. Public (the PG holds no token of ours), so each event is verified as Toss documents it:
 * a DEPOSIT_CALLBACK by its per-account secret, a PAYMENT_STATUS_CHANGED by reading the payment back. A verified
 * event answers 200 whether or not it changed anything (the PG stops re-sending); a forged one 401; an event type we
 * do not handle 200 (ignored); a body that is not a Toss event 400.
 */
@Path("/v1/hooks/toss")
@PermitAll
@TouchesTables("OrdersTable")
public class PaymentHooksResource {

    private static final System.Logger LOG = System.getLogger(PaymentHooksResource.class.getName());

    @Inject
    ReceivingPaymentEvents events;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Toss webhooks: DEPOSIT_CALLBACK (virtual account deposits) and PAYMENT_STATUS_CHANGED")
    @APIResponse(responseCode = "200", description = "Received (an empty body)")
    @APIResponse(responseCode = "400", description = "Not a Toss event")
    @APIResponse(responseCode = "401", description = "The deposit secret does not match")
    public Response receive(String body) {
        TossWebhooks.Event event;
        try {
            event = TossWebhooks.parse(body == null ? "" : body);
        } catch (TossWebhooks.UnrecognizedWebhook e) {
            if (e.eventType() != null) {
                return Response.ok().build(); // a kind of event we do not subscribe to
            }
            throw DomainException.invalid("not a Toss webhook", List.of(new FieldError("body", "a Toss event")));
        }
        boolean changed = event instanceof TossWebhooks.DepositCallback d
                ? events.depositCallback(d.orderId(), d.secret(), d.status() == null ? null : d.status().name())
                : events.paymentStatusChanged(((TossWebhooks.PaymentStatusChanged) event).paymentKey());
        LOG.log(System.Logger.Level.INFO, "toss webhook {0}: {1}", event.getClass().getSimpleName(),
                changed ? "state changed" : "nothing to do");
        return Response.ok().build();
    }
}
