#!/usr/bin/env bash
# LocalStack ready hook: creates Madang's tables, queues and state machines, the same ones (same names: the
# logical ids of template.yaml) that localstack's TemplateProvisioner creates in the local stand-ins.
#
# NOT VERIFIED HERE: written for users with Docker; the machines this project is built on have none, so this script
# has never run. template.yaml is the one source of truth: when it changes, change the awslocal section below too
# (or use MADANG_INIT_MODE=sam, which deploys the template itself and cannot drift; the parameters it passes are
# checked against the template by InitHookParametersTest in tools/local-runner).
#
# Two ways, chosen with MADANG_INIT_MODE (docker-compose.yml passes it through):
#   awslocal (default)  create tables, queues, state machines and the web bucket one by one with awslocal. No Lambda
#                       functions: run the API with the local runner against LocalStack's endpoints.
#   sam                 `samlocal deploy` the whole template (functions, HTTP API, schedules included). Needs
#                       `mvn -pl functions/api,functions/workers -am package` first (CodeUri points at their
#                       target/function.zip) and LocalStack's Lambda (the Docker socket is mounted for it).
#                       LocalStack names resources the CloudFormation way (madang-local-CatalogTable-XXXX): read
#                       them from the stack outputs (`awslocal cloudformation describe-stacks`). Creates the two
#                       Secrets Manager secrets the template needs first (see "sam mode" below).
set -euo pipefail
shopt -s inherit_errexit # so that a failure inside $(...) stops the script too

export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-ap-northeast-2}"
REPO=/madang
MODE="${MADANG_INIT_MODE:-awslocal}"
ACCOUNT=000000000000
log() { echo "[madang-init] $*"; }

# ---------------------------------------------------------------------------------------------- sam mode
#
# Parameters: every template.yaml parameter without a Default, plus Stage and LogRetentionDays, each from an
# environment variable (docker-compose.yml passes them through) with a local default. InitHookParametersTest
# (tools/local-runner) checks the names in --parameter-overrides below against template.yaml's Parameters.
#   JwtIssuer             MADANG_JWT_ISSUER: the API's base URL + /v1/auth. Unset: the first deploy uses a placeholder,
#                         then the stack is deployed again with LocalStack's URL of the new HTTP API
#                         (http://<api-id>.execute-api.localhost.localstack.cloud:4566/v1/auth).
#   SigningKeysSecretArn  MADANG_SIGNING_KEYS_SECRET_ARN, else the secret madang/local/signing-keys (created here)
#   ProviderSecretsArn    MADANG_PROVIDER_SECRETS_ARN, else the secret madang/local/providers (created here)
#   KakaoClientId         MADANG_KAKAO_CLIENT_ID (default local-kakao-rest-key, the local runner's sandbox id)
#   NaverClientId         MADANG_NAVER_CLIENT_ID (default local-naver-client)
#   SocialRedirectUris    MADANG_SOCIAL_REDIRECT_URIS (default http://localhost:3000/auth/callback)
#   Stage=dev, LogRetentionDays=1; JwtAudience and TossApiUrl keep the template's defaults.
#
# The two secrets are made only if absent (delete one with `awslocal secretsmanager delete-secret --secret-id <name>
# --force-delete-without-recovery` to have it made again). Their shapes are the ones the code reads:
#   signing keys (SigningKeySet, functions/aws):  {"activeKid":"<kid>","keys":[{"kid":"<kid>","privateKey":"<PEM>"}]}
#     with privateKey an unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY") of an RSA key of at least 2048 bits;
#   providers (ProviderSecrets, functions/aws):  {"portoneApiSecret","kakaoClientSecret","naverClientSecret",
#     "tossSecretKey"}, all strings.
# No key material is in the repository. The signing key set comes, first found, from: an existing secret
# (MADANG_SIGNING_KEYS_SECRET_ARN, or madang/local/signing-keys), the file MADANG_SIGNING_KEYS_FILE (a path in the
# container, e.g. under /madang, the repository; default: the local runner's $REPO/.madang/dev-keys/signing-keys.json,
# git-ignored, so both use the same keys), or a dev RSA key generated here with openssl (written only to an
# owner-only temporary file, deleted after create-secret). Without openssl and without any of these, the script
# stops and says so. The provider values are MADANG_PORTONE_API_SECRET,
# MADANG_KAKAO_CLIENT_SECRET, MADANG_NAVER_CLIENT_SECRET and MADANG_TOSS_SECRET_KEY, each defaulting to a placeholder
# that no real provider accepts (the calls to PortOne, Kakao, Naver and Toss then fail, the rest of the API works).

# secret_arn NAME: the ARN of the Secrets Manager secret NAME, nothing if there is none
secret_arn() {
  awslocal secretsmanager describe-secret --secret-id "$1" --query ARN --output text 2>/dev/null || true
}

# create_secret NAME FILE: creates the secret NAME from FILE's contents and prints its ARN (FILE is deleted)
create_secret() {
  local arn
  arn=$(awslocal secretsmanager create-secret --name "$1" --secret-string "file://$2" --query ARN --output text)
  rm -f "$2"
  log "created secret $1" >&2
  echo "$arn"
}

# json_string VALUE: VALUE with JSON's escapes for \ and " (enough for the ids and secrets passed here)
json_string() {
  local s=${1//\\/\\\\}
  printf '%s' "${s//\"/\\\"}"
}

# signing_keys_secret: prints the ARN of the signing key set's secret, creating the secret if needed
signing_keys_secret() {
  local name=madang/local/signing-keys arn file pem kid
  local from_file="${MADANG_SIGNING_KEYS_FILE:-$REPO/.madang/dev-keys/signing-keys.json}"
  if [ -n "${MADANG_SIGNING_KEYS_SECRET_ARN:-}" ]; then
    echo "$MADANG_SIGNING_KEYS_SECRET_ARN"
    return
  fi
  arn=$(secret_arn "$name")
  if [ -n "$arn" ] && [ "$arn" != None ]; then
    log "secret $name exists, used as it is" >&2
    echo "$arn"
    return
  fi
  file=$(mktemp) # mode 600
  if [ -f "$from_file" ]; then
    log "signing keys for $name: $from_file" >&2
    cat "$from_file" >"$file"
  elif command -v openssl >/dev/null 2>&1; then
    kid="dev-$(date +%Y-%m)-k1"
    log "signing keys for $name: a new dev RSA key, kid $kid (openssl)" >&2
    pem=$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null)
    printf '{"activeKid":"%s","keys":[{"kid":"%s","privateKey":"%s\\n"}]}' "$kid" "$kid" "${pem//$'\n'/\\n}" >"$file"
    pem=
  else
    rm -f "$file"
    log "ERROR: no signing keys: set MADANG_SIGNING_KEYS_SECRET_ARN, or MADANG_SIGNING_KEYS_FILE (a key set made with" \
        "KeyTool generate), or run the local runner once (it writes $from_file); openssl is not here to make one" >&2
    return 1
  fi
  create_secret "$name" "$file"
}

# provider_secrets_secret: prints the ARN of the provider credentials' secret, creating the secret if needed
provider_secrets_secret() {
  local name=madang/local/providers arn file
  if [ -n "${MADANG_PROVIDER_SECRETS_ARN:-}" ]; then
    echo "$MADANG_PROVIDER_SECRETS_ARN"
    return
  fi
  arn=$(secret_arn "$name")
  if [ -n "$arn" ] && [ "$arn" != None ]; then
    log "secret $name exists, used as it is" >&2
    echo "$arn"
    return
  fi
  file=$(mktemp)
  printf '{"portoneApiSecret":"%s","kakaoClientSecret":"%s","naverClientSecret":"%s","tossSecretKey":"%s"}' \
    "$(json_string "${MADANG_PORTONE_API_SECRET:-local-placeholder-portone-api-secret}")" \
    "$(json_string "${MADANG_KAKAO_CLIENT_SECRET:-local-placeholder-kakao-client-secret}")" \
    "$(json_string "${MADANG_NAVER_CLIENT_SECRET:-local-placeholder-naver-client-secret}")" \
    "$(json_string "${MADANG_TOSS_SECRET_KEY:-local-placeholder-toss-secret-key}")" >"$file"
  create_secret "$name" "$file"
}

# sam_deploy WORK ISSUER SIGNING_KEYS_ARN PROVIDERS_ARN: deploys (or updates) the stack madang-local
sam_deploy() {
  local work=$1 issuer=$2 signing_keys=$3 providers=$4
  (cd "$work" && samlocal deploy \
      --template-file template.yaml \
      --stack-name madang-local \
      --region "$AWS_DEFAULT_REGION" \
      --resolve-s3 \
      --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND \
      --no-confirm-changeset --no-fail-on-empty-changeset \
      --parameter-overrides Stage=dev LogRetentionDays=1 \
        "JwtIssuer=${issuer}" \
        "SigningKeysSecretArn=${signing_keys}" \
        "ProviderSecretsArn=${providers}" \
        "KakaoClientId=${MADANG_KAKAO_CLIENT_ID:-local-kakao-rest-key}" \
        "NaverClientId=${MADANG_NAVER_CLIENT_ID:-local-naver-client}" \
        "SocialRedirectUris=${MADANG_SOCIAL_REDIRECT_URIS:-http://localhost:3000/auth/callback}")
}

deploy_with_sam() {
  if ! command -v samlocal >/dev/null 2>&1; then
    log "installing aws-sam-cli and aws-sam-cli-local (pip)"
    pip install --quiet aws-sam-cli aws-sam-cli-local
  fi
  local work signing_keys providers api_id
  signing_keys=$(signing_keys_secret)
  providers=$(provider_secrets_secret)
  work=$(mktemp -d)
  cp -r "$REPO/template.yaml" "$REPO/statemachines" "$work/"
  mkdir -p "$work/functions/api/target" "$work/functions/workers/target"
  cp "$REPO/functions/api/target/function.zip" "$work/functions/api/target/"
  cp "$REPO/functions/workers/target/function.zip" "$work/functions/workers/target/"
  if [ -n "${MADANG_JWT_ISSUER:-}" ]; then
    sam_deploy "$work" "$MADANG_JWT_ISSUER" "$signing_keys" "$providers"
  else
    # the issuer is the API's own URL, known once the HTTP API exists: deploy, then again with it
    sam_deploy "$work" "http://madang-api.invalid/v1/auth" "$signing_keys" "$providers"
    api_id=$(awslocal cloudformation describe-stack-resource --stack-name madang-local --logical-resource-id HttpApi \
      --query StackResourceDetail.PhysicalResourceId --output text)
    log "JwtIssuer: http://${api_id}.execute-api.localhost.localstack.cloud:4566/v1/auth (set MADANG_JWT_ISSUER to choose)"
    sam_deploy "$work" "http://${api_id}.execute-api.localhost.localstack.cloud:4566/v1/auth" "$signing_keys" "$providers"
  fi
  rm -rf "$work"
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

# template.yaml's WebBucket under the name the stand-ins give it (no CloudFront here: LocalStack Pro only)
create_web_bucket() {
  if awslocal s3api head-bucket --bucket webbucket >/dev/null 2>&1; then
    return
  fi
  awslocal s3api create-bucket --bucket webbucket \
    --create-bucket-configuration "LocationConstraint=${AWS_DEFAULT_REGION}" >/dev/null
  log "created bucket webbucket"
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

  create_web_bucket
}

case "$MODE" in
  sam) deploy_with_sam ;;
  awslocal) provision_with_awslocal ;;
  *) log "unknown MADANG_INIT_MODE '$MODE' (awslocal or sam)"; exit 1 ;;
esac
log "done ($MODE)"
