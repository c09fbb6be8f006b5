package dev.madang.domain.community;

/** What a post in a performance's room is about: fans find a taxi share or a swap without reading everything. */
public enum Topic {
    /** 택시 동승: sharing a ride to or from the venue. */
    TAXI_SHARE,
    /** 굿즈: merchandise, buying together, swapping. */
    MERCHANDISE,
    /** 자유: anything else about the performance. */
    FREE_TALK
}
