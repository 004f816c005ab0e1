-- Customers worth a lookalike audience: hashed contact points only ever leave the warehouse.
with

health as (
    select * from {{ ref('customer_health') }}
),

customers as (
    select * from {{ ref('stg_customers') }}
)

select
    cast(health.customer_id as integer) as customer_id,
    cast(health.email as varchar) as email,
    cast(customers.phone as varchar) as phone,
    cast(health.lifetime_value as double precision) as lifetime_value
from health
inner join customers on customers.customer_id = health.customer_id
where health.lifetime_value >= 100
