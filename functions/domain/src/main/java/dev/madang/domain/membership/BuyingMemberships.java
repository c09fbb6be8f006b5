package dev.madang.domain.membership;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.Orders;
import dev.madang.domain.order.Payers;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.PaymentWorkflows;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PaymentGatewayUnavailable;
import dev.madang.domain.payment.PaymentRefused;
import dev.madang.domain.payment.RefundAccount;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Organisers offer memberships; fans buy and renew them through the payment workflow, like seats: an order whose
 * amount the server fixes (the membership's price), paid in the PG's window by card or virtual account, confirmed by
 * the workflow, which then grants one period ({@link GrantingMemberships}) instead of issuing tickets. A purchase may be
 * cancelled within the membership's refund days for a full refund, which takes the card back to where it was.
 */
public final class BuyingMemberships {

    /** A membership order waits this long for its payment (a card; a virtual account gets the PG's deadline). */
    public static final Duration PAY_WITHIN = Duration.ofMinutes(10);

    private final Memberships memberships;
    private final MemberCards cards;
    private final Orders orders;
    private final PaymentWorkflows workflows;
    private final PaymentGateway gateway;
    private final Ids ids;
    private final Clock clock;

    public BuyingMemberships(Memberships memberships, MemberCards cards, Orders orders, PaymentWorkflows workflows,
                             PaymentGateway gateway, Clock clock) {
        this.memberships = memberships;
        this.cards = cards;
        this.orders = orders;
        this.workflows = workflows;
        this.gateway = gateway;
        this.ids = new Ids(clock);
        this.clock = clock;
    }

    /** An organiser offers a membership; {@code draft}'s id and time are replaced. */
    public Membership offer(Membership draft) {
        Membership membership = new Membership(ids.next(), draft.name(), draft.price(), draft.periodDays(),
                draft.benefits(), draft.refundDays(), clock.instant());
        memberships.create(membership);
        return membership;
    }

    public List<Membership> offered() {
        return memberships.all();
    }

    public Membership membership(String membershipId) {
        return memberships.find(membershipId).orElseThrow(() -> DomainException.notFound("membership", membershipId));
    }

    /**
     * The order for one period of the membership (a first purchase or a renewal), its workflow started; the fan then
     * pays it as any order ({@code POST /v1/orders/{id}/payment}). Paying needs a verified identity, as booking does.
     */
    public Order buy(String userId, boolean identityVerified, String membershipId, PaymentMethod method,
                     RefundAccount refundAccount) {
        Payers.check(identityVerified, method, refundAccount, "paying");
        Membership membership = membership(membershipId);
        Instant now = clock.instant();
        Order order = Order.forMembership(ids.next(), userId, membership.id(), membership.price(),
                orderName(membership), method, now, now.plus(PAY_WITHIN),
                method == PaymentMethod.VIRTUAL_ACCOUNT ? refundAccount : null);
        orders.create(order);
        workflows.start(order.id(), PAY_WITHIN.toSeconds());
        return order;
    }

    /** "마당 팬클럽 멤버십 365일": what the PG shows in its window and on the receipt (Toss allows 100 characters). */
    static String orderName(Membership membership) {
        String name = membership.name() + " 멤버십 " + membership.periodDays() + "일";
        return name.length() <= 100 ? name : name.substring(0, 100);
    }

    public List<MemberCard> cardsOf(String userId) {
        return cards.ofUser(userId);
    }

    /**
     * Cancels the fan's latest purchase of the membership, within its refund days: the PG refunds it in full (one
     * idempotency key per order, so a retry never refunds twice), the order becomes REFUNDED and the card goes back to
     * where it was before that purchase.
     *
     * @throws DomainException 404 no card; 422 {@code membership-refund-closed} after the refund days;
     *                         409 {@code refund-pending} when the PG failed (repeat the request)
     */
    public MemberCard cancel(String userId, String membershipId) {
        Membership membership = membership(membershipId);
        MemberCard card = cards.find(userId, membershipId).orElseThrow(() -> DomainException.notFound("membership",
                membershipId));
        Order order = orders.byId(card.lastOrderId()).orElseThrow();
        Instant now = clock.instant();
        if (order.status() == OrderStatus.PAID) {
            if (!now.isBefore(card.lastPaidAt().plus(Duration.ofDays(membership.refundDays())))) {
                throw DomainException.ruleViolated("membership-refund-closed", "a purchase may be cancelled within "
                        + membership.refundDays() + " days of it", List.of());
            }
            try {
                gateway.cancel(order.paymentKey(), "Madang: membership cancelled by the fan", order.amount(),
                        order.refundAccount(), "membership-cancel-" + order.id());
            } catch (PaymentRefused | PaymentGatewayUnavailable failed) {
                throw DomainException.conflict("refund-pending", "the payment provider has not refunded yet; "
                        + "repeat the request");
            }
            new OrderLifecycle(orders).paidRefunded(order.id());
        } else if (order.status() != OrderStatus.REFUNDED) {
            throw DomainException.conflict("order-not-paid", "the membership's purchase is " + order.status());
        }
        Instant back = card.validBefore().isBefore(now) ? now : card.validBefore();
        MemberCard cancelled = new MemberCard(userId, membershipId, back, card.lastOrderId(), card.lastPaidAt(),
                card.validBefore());
        if (!cancelled.equals(card) && !cards.replace(card, cancelled)) {
            return cards.find(userId, membershipId).orElseThrow(); // a twin request did it
        }
        return cancelled;
    }
}
