package dev.madang.domain.account;

/** What an account may do: every fan is a USER; ADMIN (organiser) is granted by an operator, never requested. */
public enum Role {
    USER,
    ADMIN
}
