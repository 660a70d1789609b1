package dev.leasehold.kv.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records every HTTP request a client transmits, SDK retries included, with the API request behind it. */
final class RequestLog implements ExecutionInterceptor {
  private final List<String> operations = new CopyOnWriteArrayList<>();
  private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    requests.add(context.request());
  }

  /** The operation names transmitted since the last {@link #clear()}, in order, such as "GetItem". */
  List<String> operations() {
    return List.copyOf(operations);
  }

  List<SdkRequest> requests() {
    return List.copyOf(requests);
  }

  void clear() {
    operations.clear();
    requests.clear();
  }
}
