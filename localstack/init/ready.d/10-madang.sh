#!/usr/bin/env bash
# LocalStack ready hook: creates Madang's tables, queues and state machines, the same ones (same names: the
# logical ids of template.yaml) that functions/localstack's TemplateProvisioner creates in the local stand-ins.
#
# NOT VERIFIED HERE: written for users with Docker; the machines this project is built on have none, so this script
# has never run. template.yaml is the one source of truth: when it changes, change the awslocal section below too
# (or use MADANG_INIT_MODE=sam, which deploys the template itself and cannot drift).
#
# Two ways, chosen with MADANG_INIT_MODE (docker-compose.yml passes it through):
#   awslocal (default)  create tables, queues and state machines one by one with awslocal. No Lambda functions:
#                       run the API with the local runner against LocalStack's endpoints.
#   sam                 `samlocal deploy` the whole template (functions, HTTP API, schedules included). Needs
#                       `mvn -pl functions/api,functions/workers -am package` first (CodeUri points at their
#                       target/function.zip) and LocalStack's Lambda (the Docker socket is mounted for it).
#                       LocalStack names resources the CloudFormation way (madang-local-CatalogTable-XXXX): read
#                       them from the stack outputs (`awslocal cloudformation describe-stacks`).
set -euo pipefail

export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-ap-northeast-2}"
REPO=/madang
MODE="${MADANG_INIT_MODE:-awslocal}"
ACCOUNT=000000000000
log() { echo "[madang-init] $*"; }

deploy_with_sam() {
  if ! command -v samlocal >/dev/null 2>&1; then
    log "installing aws-sam-cli and aws-sam-cli-local (pip)"
    pip install --quiet aws-sam-cli aws-sam-cli-local
  fi
  local work
  work=$(mktemp -d)
  cp -r "$REPO/template.yaml" "$REPO/statemachines" "$work/"
  mkdir -p "$work/functions/api/target" "$work/functions/workers/target"
  cp "$REPO/functions/api/target/function.zip" "$work/functions/api/target/"
  cp "$REPO/functions/workers/target/function.zip" "$work/functions/workers/target/"
  (cd "$work" && samlocal deploy \
      --template-file template.yaml \
      --stack-name madang-local \
      --region "$AWS_DEFAULT_REGION" \
      --resolve-s3 \
      --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND \
      --no-confirm-changeset --no-fail-on-empty-changeset \
      --parameter-overrides Stage=dev \
        "JwtIssuer=${MADANG_JWT_ISSUER}" "JwksUrl=${MADANG_JWKS_URL}" LogRetentionDays=1)
  awslocal cloudformation describe-stacks --stack-name madang-local --query 'Stacks[0].Outputs' --output table
}

# ---------------------------------------------------------------------------------------------- awslocal mode

table_exists() { awslocal dynamodb describe-table --table-name "$1" >/dev/null 2>&1; }

create_catalog_table() {
  table_exists CatalogTable && { log "CatalogTable exists"; return; }
  awslocal dynamodb create-table --table-name CatalogTable --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
                            AttributeName=gsi1pk,AttributeType=S AttributeName=gsi1sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
    --global-secondary-indexes '[{"IndexName":"gsi1","KeySchema":[{"AttributeName":"gsi1pk","KeyType":"HASH"},{"AttributeName":"gsi1sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]' \
    >/dev/null
  log "created CatalogTable"
}

create_seats_table() {
  table_exists SeatsTable && { log "SeatsTable exists"; return; }
  awslocal dynamodb create-table --table-name SeatsTable --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE >/dev/null
  # LocalStack applies TTL (unlike dynalite); it only cleans up hold records, holds expire by condition
  awslocal dynamodb update-time-to-live --table-name SeatsTable \
    --time-to-live-specification Enabled=true,AttributeName=expiresAtEpoch >/dev/null
  log "created SeatsTable"
}

create_accounts_table() {
  table_exists AccountsTable && { log "AccountsTable exists"; return; }
  awslocal dynamodb create-table --table-name AccountsTable --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE >/dev/null
  awslocal dynamodb update-time-to-live --table-name AccountsTable \
    --time-to-live-specification Enabled=true,AttributeName=expiresAtEpoch >/dev/null
  log "created AccountsTable"
}

create_orders_table() {
  table_exists OrdersTable && { log "OrdersTable exists"; return; }
  awslocal dynamodb create-table --table-name OrdersTable --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
      AttributeName=gsi1pk,AttributeType=S AttributeName=gsi1sk,AttributeType=S \
      AttributeName=gsi2pk,AttributeType=S AttributeName=gsi2sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
    --global-secondary-indexes \
      'IndexName=gsi1,KeySchema=[{AttributeName=gsi1pk,KeyType=HASH},{AttributeName=gsi1sk,KeyType=RANGE}],Projection={ProjectionType=ALL}' \
      'IndexName=gsi2,KeySchema=[{AttributeName=gsi2pk,KeyType=HASH},{AttributeName=gsi2sk,KeyType=RANGE}],Projection={ProjectionType=ALL}' \
    >/dev/null
  log "created OrdersTable"
}

queue_url() { awslocal sqs get-queue-url --queue-name "$1" --query QueueUrl --output text; }
queue_arn() { echo "arn:aws:sqs:${AWS_DEFAULT_REGION}:${ACCOUNT}:$1"; }

# create_queue NAME ATTRIBUTES_JSON: creates or updates the attributes (idempotent)
create_queue() {
  local name=$1 attributes=$2 file
  file=$(mktemp)
  printf '%s' "$attributes" >"$file"
  if awslocal sqs get-queue-url --queue-name "$name" >/dev/null 2>&1; then
    awslocal sqs set-queue-attributes --queue-url "$(queue_url "$name")" --attributes "file://$file" >/dev/null
    log "updated queue $name"
  else
    awslocal sqs create-queue --queue-name "$name" --attributes "file://$file" >/dev/null
    log "created queue $name"
  fi
  rm -f "$file"
}

# redrive DLQ_NAME MAX_RECEIVE_COUNT: the RedrivePolicy attribute value (a JSON string inside the attributes JSON)
redrive() {
  printf '{\\"deadLetterTargetArn\\":\\"%s\\",\\"maxReceiveCount\\":\\"%s\\"}' "$(queue_arn "$1")" "$2"
}

# create_state_machine NAME ASL_FILE [Placeholder=value ...]: the DefinitionSubstitutions, resolved by hand
# (function ARNs: arn:aws:lambda:ap-northeast-2:000000000000:function:<LogicalId>, tables: the logical id, ...)
create_state_machine() {
  local name=$1 asl=$2 definition arn
  shift 2
  definition=$(cat "$REPO/$asl")
  for pair in "$@"; do
    definition=${definition//\$\{${pair%%=*}\}/${pair#*=}}
  done
  if grep -q '\${' <<<"$definition"; then
    log "ERROR: $asl still has placeholders without a value: $(grep -o '\${[^}]*}' <<<"$definition" | sort -u | tr '\n' ' ')"
    return 1
  fi
  arn="arn:aws:states:${AWS_DEFAULT_REGION}:${ACCOUNT}:stateMachine:${name}"
  if awslocal stepfunctions describe-state-machine --state-machine-arn "$arn" >/dev/null 2>&1; then
    awslocal stepfunctions update-state-machine --state-machine-arn "$arn" --definition "$definition" >/dev/null
    log "updated state machine $name"
  else
    awslocal stepfunctions create-state-machine --name "$name" --definition "$definition" \
      --role-arn "arn:aws:iam::${ACCOUNT}:role/${name}Role" >/dev/null
    log "created state machine $name"
  fi
}

provision_with_awslocal() {
  create_catalog_table
  create_seats_table
  create_accounts_table
  create_orders_table

  # dead-letter queues first: the queues that redrive to them need their ARN
  create_queue NotificationDeadLetterQueue '{"MessageRetentionPeriod":"1209600"}'
  create_queue NotificationQueue "{\"VisibilityTimeout\":\"60\",\"RedrivePolicy\":\"$(redrive NotificationDeadLetterQueue 5)\"}"

  # each AWS::Serverless::StateMachine of template.yaml, its substitutions resolved to the functions' local ARNs
  # (the functions themselves are not created in this mode: deploy them with MADANG_INIT_MODE=sam)
  local fn="arn:aws:lambda:${AWS_DEFAULT_REGION}:${ACCOUNT}:function"
  create_state_machine PaymentStateMachine statemachines/payment.asl.json \
    "AwaitPaymentFunctionArn=${fn}:AwaitPaymentFunction" "ConfirmPaymentFunctionArn=${fn}:ConfirmPaymentFunction" \
    "IssueTicketsFunctionArn=${fn}:IssueTicketsFunction" "NotifyBookingFunctionArn=${fn}:NotifyBookingFunction" \
    "CloseOrderFunctionArn=${fn}:CloseOrderFunction"
}

case "$MODE" in
  sam) deploy_with_sam ;;
  awslocal) provision_with_awslocal ;;
  *) log "unknown MADANG_INIT_MODE '$MODE' (awslocal or sam)"; exit 1 ;;
esac
log "done ($MODE)"
