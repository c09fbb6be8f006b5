package dev.madang.domain.order;

/** How the fan pays in the PG's window: card or easy-pay (approved at once), or a virtual account (무통장입금, paid later). */
public enum PaymentMethod {
    CARD,
    VIRTUAL_ACCOUNT
}
