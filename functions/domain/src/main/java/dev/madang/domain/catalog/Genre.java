package dev.madang.domain.catalog;

public enum Genre {
    MUSICAL, CONCERT, THEATRE, CLASSICAL, DANCE, KIDS, EXHIBITION
}
