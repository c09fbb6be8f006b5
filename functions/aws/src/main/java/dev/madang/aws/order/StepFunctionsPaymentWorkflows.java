package dev.madang.aws.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.order.PaymentWorkflows;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payment state machine (statemachines/payment.asl.json) on Step Functions. The execution name is the order id,
 * so a second start for one order is refused by the service (ExecutionAlreadyExists) rather than running twice; a
 * token that is no longer waiting (answered, timed out, its execution gone) is refused too, which is what makes a
 * duplicate signal harmless.
 */
public final class StepFunctionsPaymentWorkflows implements PaymentWorkflows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsPaymentWorkflows(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    /**
     * For the workflow's own tasks, which answer task tokens but never start an execution (and could not be given the
     * state machine's ARN: the state machine names theirs).
     */
    public static StepFunctionsPaymentWorkflows answeringOnly(SfnClient sfn) {
        return new StepFunctionsPaymentWorkflows(sfn, null);
    }

    @Override
    public void start(String orderId, long paymentWaitSeconds) {
        start(orderId, paymentWaitSeconds, null);
    }

    /** The input is {@code {orderId, paymentWaitSeconds}}, and {@code booking} when given (Issue Tickets reads it). */
    @Override
    public void start(String orderId, long paymentWaitSeconds, Booking booking) {
        if (stateMachineArn == null) {
            throw new IllegalStateException("these payment workflows only answer task tokens");
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("orderId", orderId);
        input.put("paymentWaitSeconds", paymentWaitSeconds);
        if (booking != null) {
            input.put("booking", BookingState.toJson(booking));
        }
        String json;
        try {
            json = JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        try {
            sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(orderId).input(json));
        } catch (ExecutionAlreadyExistsException started) {
            // the order's workflow runs already (a retried "create order"): nothing to do
        }
    }

    @Override
    public boolean succeed(String taskToken, String outputJson) {
        try {
            sfn.sendTaskSuccess(r -> r.taskToken(taskToken).output(outputJson));
            return true;
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException notWaiting) {
            return false;
        }
    }

    @Override
    public boolean fail(String taskToken, String error, String cause) {
        try {
            sfn.sendTaskFailure(r -> r.taskToken(taskToken).error(error).cause(cause));
            return true;
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException notWaiting) {
            return false;
        }
    }
}
