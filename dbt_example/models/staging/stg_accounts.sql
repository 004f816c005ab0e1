select
    id as account_id,
    name as account_name,
    lower(domain) as domain,
    plan,
    seats,
    cast(arr_cents as double precision) / 100 as arr,
    created_at
from {{ ref('raw_accounts') }}
