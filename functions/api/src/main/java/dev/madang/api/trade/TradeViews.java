package dev.madang.api.trade;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.madang.api.support.Times;
import dev.madang.domain.trade.ListedSeat;
import dev.madang.domain.trade.Listing;
import dev.madang.domain.trade.ListingTickets;
import dev.madang.domain.trade.Sighted;
import dev.madang.domain.trade.TradeRequest;
import dev.madang.domain.trade.Visibility;
import dev.madang.domain.trade.WantedSeats;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The trade board's JSON. What a searcher may see of a listed seat is {@link Visibility}'s to say, and these views
 * send nothing more: an approximate seat has no {@code number} and no {@code seatId} key at all.
 */
final class TradeViews {

    private TradeViews() {
    }

    /** A seat as a searcher sees it: {@code number} and {@code seatId} only when the sight is exact. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeatView(
            @Schema(required = true) String sectionId,
            @Schema(required = true) String row,
            @Schema(description = "Only when the seat is shown exactly") Integer number,
            @Schema(description = "Only when the seat is shown exactly") String seatId) {

        static SeatView of(ListedSeat seat, Visibility.Sight sight) {
            return sight == Visibility.Sight.EXACT ? new SeatView(seat.sectionId(), seat.row(), seat.number(),
                    seat.seatId()) : new SeatView(seat.sectionId(), seat.row(), null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WantedView(
            @Schema(required = true) String sectionId,
            String row,
            Integer fromNumber,
            Integer toNumber) {

        static List<WantedView> of(List<WantedSeats> wanted) {
            return wanted.stream().map(w -> new WantedView(w.sectionId(), w.row(), w.fromNumber(), w.toNumber()))
                    .toList();
        }

        WantedSeats toDomain() {
            return new WantedSeats(sectionId, row, fromNumber, toNumber);
        }
    }

    /** Another fan's listing as the caller may see it. */
    public record ListingView(
            @Schema(required = true) String listingId,
            @Schema(required = true, enumeration = {"EXCHANGE", "TRANSFER"}) String kind,
            @Schema(required = true) String roundId,
            @Schema(required = true) String grade,
            @Schema(required = true, description = "The face value: the only price a ticket is traded at") long price,
            @Schema(required = true) SeatView seat,
            @Schema(required = true, description = "Whether the seat number is shown") boolean exact,
            @Schema(required = true) List<WantedView> wanted,
            @Schema(required = true, description = "It wants a seat you listed for exchange, and yours wants its seat")
            boolean mutual,
            @Schema(required = true, description = "It sits next to a seat you hold") boolean adjacent) {

        static ListingView of(Sighted s) {
            Listing l = s.listing();
            return new ListingView(l.id(), l.kind().name(), l.roundId(), l.grade(), l.price(),
                    SeatView.of(l.seat(), s.sight()), s.sight() == Visibility.Sight.EXACT, WantedView.of(l.wanted()),
                    s.mutual(), s.adjacent());
        }
    }

    /** A trade request; {@code listing} is the listing asked for (in my requests), {@code offered} the listing offered
     * in exchange (on my listings). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TradeRequestView(
            @Schema(required = true) String requestId,
            @Schema(required = true) String listingId,
            @Schema(required = true, enumeration = {"EXCHANGE", "TRANSFER"}) String kind,
            @Schema(required = true, enumeration = {"PENDING", "ACCEPTED", "PAYING", "DONE", "DECLINED", "LAPSED",
                    "FAILED"}) String status,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(description = "An accepted transfer: pay before this") OffsetDateTime payBy,
            @Schema(description = "A transfer being paid or paid: the buyer's order") String orderId,
            @Schema(description = "An exchange request on my listing: the listing offered for it") ListingView offered,
            @Schema(description = "My request: the listing I asked for, as I may see it") ListingView listing) {

        static TradeRequestView of(TradeRequest r, ListingView offered, ListingView listing) {
            return new TradeRequestView(r.id(), r.listingId(), r.kind().name(), r.status().name(),
                    Times.seoul(r.createdAt()), r.payBy() == null ? null : Times.seoul(r.payBy()), r.orderId(),
                    offered, listing);
        }

        static TradeRequestView of(ListingTickets.Incoming in) {
            // the holder of an exchange listing sees the exchange listings offered to it exactly (the board's rule)
            return of(in.request(), in.offered() == null ? null : ListingView.of(new Sighted(in.offered(),
                    Visibility.Sight.EXACT, false, false)), null);
        }
    }

    /** One of my listings, whole, with the requests made on it. */
    public record MyListingView(
            @Schema(required = true) String listingId,
            @Schema(required = true, enumeration = {"EXCHANGE", "TRANSFER"}) String kind,
            @Schema(required = true, enumeration = {"OPEN", "PENDING", "DONE", "WITHDRAWN", "VOID"}) String status,
            @Schema(required = true) String ticketId,
            @Schema(required = true) String roundId,
            @Schema(required = true) String grade,
            @Schema(required = true) long price,
            @Schema(required = true) SeatView seat,
            @Schema(required = true) List<WantedView> wanted,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true) List<TradeRequestView> requests) {

        static MyListingView of(ListingTickets.OwnListing own) {
            Listing l = own.listing();
            return new MyListingView(l.id(), l.kind().name(), l.status().name(), l.ticketId(), l.roundId(),
                    l.grade(), l.price(), SeatView.of(l.seat(), Visibility.Sight.EXACT), WantedView.of(l.wanted()),
                    Times.seoul(l.createdAt()), own.requests().stream().map(TradeRequestView::of).toList());
        }
    }

    public record ListedView(
            @Schema(required = true) MyListingView listing,
            @Schema(required = true, description = "Listed seats matching what I want, best first")
            List<ListingView> recommendations) {
    }

    public record MyListingList(@Schema(required = true) List<MyListingView> items) {
    }

    public record TradeRequestList(@Schema(required = true) List<TradeRequestView> items) {
    }

    /** The searcher's situation in the round, which decides what the board shows them. */
    public record ViewerView(
            @Schema(required = true) boolean holdsTicket,
            @Schema(required = true) boolean hasExchangeListing,
            @Schema(required = true, enumeration = {"APPROXIMATE", "EXACT"},
                    description = "How transfer listings' seats are shown to me") String sight,
            @Schema(required = true, description = "Whether exchange listings are shown to me")
            boolean seesExchanges) {

        static ViewerView of(Visibility.Searcher searcher) {
            return new ViewerView(searcher != Visibility.Searcher.NO_TICKET,
                    searcher == Visibility.Searcher.HOLDER_WITH_EXCHANGE_LISTING,
                    Visibility.of(searcher, dev.madang.domain.trade.ListingKind.TRANSFER).orElseThrow().name(),
                    Visibility.of(searcher, dev.madang.domain.trade.ListingKind.EXCHANGE).isPresent());
        }
    }

    public record BoardView(
            @Schema(required = true) ViewerView viewer,
            @Schema(required = true) List<ListingView> items,
            @Schema(nullable = true) String nextCursor) {
    }
}
