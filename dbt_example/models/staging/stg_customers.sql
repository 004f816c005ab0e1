select
    id as customer_id,
    first_name,
    last_name,
    lower(email) as email,
    phone,
    company,
    lower(split_part(email, '@', 2)) as email_domain
from {{ ref('raw_customers') }}
