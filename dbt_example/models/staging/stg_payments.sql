select
    id as payment_id,
    order_id,
    payment_method,
    cast(amount as double precision) / 100 as amount
from {{ ref('raw_payments') }}
