-- One row per company account with its commercial tier, sent as webhook events.
with

accounts as (
    select * from {{ ref('stg_accounts') }}
)

select
    cast(account_id as integer) as account_id,
    cast(domain as varchar) as domain,
    cast(case
        when arr >= 100000 then 'enterprise'
        when arr >= 10000 then 'growth'
        else 'starter'
    end as varchar) as tier,
    cast(seats as integer) as seats,
    cast(arr as double precision) as arr
from accounts
