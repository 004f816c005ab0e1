-- One row per customer: how healthy the relationship is, for CRM and the app database.
with

customers as (
    select * from {{ ref('stg_customers') }}
),

orders as (
    select * from {{ ref('stg_orders') }}
    where status <> 'returned'
),

payments as (
    select * from {{ ref('stg_payments') }}
),

order_totals as (
    select
        orders.customer_id,
        count(distinct orders.order_id) as order_count,
        max(orders.ordered_at) as last_order_at,
        coalesce(sum(payments.amount), 0) as lifetime_value
    from orders
    left join payments on payments.order_id = orders.order_id
    group by orders.customer_id
)

select
    cast(customers.customer_id as integer) as customer_id,
    cast(customers.email as varchar) as email,
    cast(customers.first_name as varchar) as first_name,
    cast(least(100, coalesce(order_totals.order_count, 0) * 10
        + floor(coalesce(order_totals.lifetime_value, 0) / 20)) as integer) as health_score,
    cast(case
        when coalesce(order_totals.lifetime_value, 0) >= 250 then 'gold'
        when coalesce(order_totals.lifetime_value, 0) >= 100 then 'silver'
        else 'bronze'
    end as varchar) as tier,
    cast(coalesce(order_totals.lifetime_value, 0) as double precision) as lifetime_value,
    cast(order_totals.last_order_at as timestamp) as last_order_at
from customers
left join order_totals on order_totals.customer_id = customers.customer_id
