package dev.madang.domain.trade;

/** EXCHANGE: my seat for one of the seats I want (교환). TRANSFER: my ticket handed on at face value (양도). */
public enum ListingKind { EXCHANGE, TRANSFER }
