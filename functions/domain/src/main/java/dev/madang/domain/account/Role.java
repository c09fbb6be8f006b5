package dev.madang.domain.account;

/**
 * What an account may do: every fan is a USER; ADMIN (organiser) is granted by an operator, never requested. SCANNER is
 * a venue device or door staff account made by an admin for some rounds only (it checks tickets in, and nothing else:
 * it is not a USER, so it cannot book).
 */
public enum Role {
    USER,
    ADMIN,
    SCANNER
}
