select
    id as order_id,
    user_id as customer_id,
    cast(ordered_at as timestamp) as ordered_at,
    status
from {{ ref('raw_orders') }}
