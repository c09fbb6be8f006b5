package dev.madang.domain.notification;

/** Sends one e-mail (SES in production). A failure is thrown: the delivery is tried again from the queue. */
public interface MailSender {

    record Mail(String to, String subject, String text) {
        @Override
        public String toString() {
            return "Mail[subject=" + subject + "]"; // the address stays out of log lines
        }
    }

    void send(Mail mail);
}
