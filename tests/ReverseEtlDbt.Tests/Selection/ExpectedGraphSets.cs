namespace ReverseEtlDbt.Tests.Selection;

/// <summary>
/// Expected graph-operator and indirect selections over the shared fixture manifests, computed by
/// tests/ReverseEtlDbt.Tests/Selection/derive_expected.py (python3, parent_map/child_map walks and
/// dbt-core's selector methods transcribed) and pasted here. Default manifest: v12_dbt_bouncer_1_12.json.
/// </summary>
internal static class ExpectedGraphSets
{
    // +orders: orders plus every node reachable through parent_map (5 ids).
    public static readonly string[] OrdersAncestors =
    [
        "model.dbt_bouncer_test_project.orders",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_payments",
        "seed.dbt_bouncer_test_project.raw_orders",
        "seed.dbt_bouncer_test_project.raw_payments",
    ];

    // orders+: orders plus every node reachable through child_map (tests, unit test, exposure, semantic model, metric) (15 ids).
    public static readonly string[] OrdersDescendants =
    [
        "exposure.dbt_bouncer_test_project.pulse_queries",
        "metric.dbt_bouncer_test_project.total_order_amount",
        "model.dbt_bouncer_test_project.orders",
        "semantic_model.dbt_bouncer_test_project.orders",
        "test.dbt_bouncer_test_project.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3",
        "test.dbt_bouncer_test_project.not_null_orders_amount.106140f9fd",
        "test.dbt_bouncer_test_project.not_null_orders_bank_transfer_amount.7743500c49",
        "test.dbt_bouncer_test_project.not_null_orders_coupon_amount.ab90c90625",
        "test.dbt_bouncer_test_project.not_null_orders_credit_card_amount.d3ca593b59",
        "test.dbt_bouncer_test_project.not_null_orders_customer_id_fk.0c1be9cbe2",
        "test.dbt_bouncer_test_project.not_null_orders_gift_card_amount.413a0d2d7a",
        "test.dbt_bouncer_test_project.not_null_orders_order_id_pk.802d53c310",
        "test.dbt_bouncer_test_project.relationships_orders_customer_id_fk__customer_id_pk__ref_customers_.c4baa7acc1",
        "test.dbt_bouncer_test_project.unique_orders_order_id_pk.7947023e79",
        "unit_test.dbt_bouncer_test_project.orders.test_amount_logic",
    ];

    // 1+customers.v3: customers.v3 plus its parent_map entries (4 ids).
    public static readonly string[] CustomersV3OneGenerationUp =
    [
        "model.dbt_bouncer_test_project.customers.v3",
        "model.dbt_bouncer_test_project.stg_customers",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_payments",
    ];

    // 2+customers.v3: two parent_map hops (8 ids).
    public static readonly string[] CustomersV3TwoGenerationsUp =
    [
        "model.dbt_bouncer_test_project.customers.v3",
        "model.dbt_bouncer_test_project.stg_customers",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_payments",
        "seed.dbt_bouncer_test_project.raw_customers",
        "seed.dbt_bouncer_test_project.raw_orders",
        "seed.dbt_bouncer_test_project.raw_payments",
        "source.dbt_bouncer_test_project.dummy_source.customers",
    ];

    // +customers.v3: every parent_map hop (adds the source behind stg_customers) (8 ids).
    public static readonly string[] CustomersV3AllAncestors =
    [
        "model.dbt_bouncer_test_project.customers.v3",
        "model.dbt_bouncer_test_project.stg_customers",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_payments",
        "seed.dbt_bouncer_test_project.raw_customers",
        "seed.dbt_bouncer_test_project.raw_orders",
        "seed.dbt_bouncer_test_project.raw_payments",
        "source.dbt_bouncer_test_project.dummy_source.customers",
    ];

    // stg_orders+1: stg_orders plus its child_map entries (9 ids).
    public static readonly string[] StgOrdersOneGenerationDown =
    [
        "model.dbt_bouncer_test_project.customers.v1",
        "model.dbt_bouncer_test_project.customers.v2",
        "model.dbt_bouncer_test_project.customers.v3",
        "model.dbt_bouncer_test_project.orders",
        "model.dbt_bouncer_test_project.py_order_stats",
        "model.dbt_bouncer_test_project.stg_orders",
        "test.dbt_bouncer_test_project.accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned.080fb20aad",
        "test.dbt_bouncer_test_project.not_null_stg_orders_order_id.81cfe2fe64",
        "test.dbt_bouncer_test_project.unique_stg_orders_order_id.e3b841c71a",
    ];

    // @stg_payments: stg_payments+, then every ancestor of those nodes (41 ids).
    public static readonly string[] ChildrensParentsOfStgPayments =
    [
        "exposure.dbt_bouncer_test_project.customers",
        "exposure.dbt_bouncer_test_project.pulse_queries",
        "metric.dbt_bouncer_test_project.total_order_amount",
        "model.dbt_bouncer_test_project.customers.v1",
        "model.dbt_bouncer_test_project.customers.v2",
        "model.dbt_bouncer_test_project.customers.v3",
        "model.dbt_bouncer_test_project.orders",
        "model.dbt_bouncer_test_project.stg_customers",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_payments",
        "seed.dbt_bouncer_test_project.raw_customers",
        "seed.dbt_bouncer_test_project.raw_orders",
        "seed.dbt_bouncer_test_project.raw_payments",
        "semantic_model.dbt_bouncer_test_project.orders",
        "source.dbt_bouncer_test_project.dummy_source.customers",
        "test.dbt_bouncer_test_project.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3",
        "test.dbt_bouncer_test_project.accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card.3c3820f278",
        "test.dbt_bouncer_test_project.not_null_customers_v1_customer_id.be4b9423d3",
        "test.dbt_bouncer_test_project.not_null_customers_v1_is_recurring_customer.46f432386a",
        "test.dbt_bouncer_test_project.not_null_customers_v2_customer_id.2a5e5f841c",
        "test.dbt_bouncer_test_project.not_null_customers_v2_is_recurring_customer.c09f5da694",
        "test.dbt_bouncer_test_project.not_null_customers_v3_customer_id_pk.5ad1c6f0ea",
        "test.dbt_bouncer_test_project.not_null_customers_v3_is_recurring_customer.1d4d619cea",
        "test.dbt_bouncer_test_project.not_null_orders_amount.106140f9fd",
        "test.dbt_bouncer_test_project.not_null_orders_bank_transfer_amount.7743500c49",
        "test.dbt_bouncer_test_project.not_null_orders_coupon_amount.ab90c90625",
        "test.dbt_bouncer_test_project.not_null_orders_credit_card_amount.d3ca593b59",
        "test.dbt_bouncer_test_project.not_null_orders_customer_id_fk.0c1be9cbe2",
        "test.dbt_bouncer_test_project.not_null_orders_gift_card_amount.413a0d2d7a",
        "test.dbt_bouncer_test_project.not_null_orders_order_id_pk.802d53c310",
        "test.dbt_bouncer_test_project.not_null_stg_payments_payment_id.c19cc50075",
        "test.dbt_bouncer_test_project.relationships_orders_customer_id_fk__customer_id_pk__ref_customers_.c4baa7acc1",
        "test.dbt_bouncer_test_project.unique_customers_v1_customer_id.3963c9633d",
        "test.dbt_bouncer_test_project.unique_customers_v2_customer_id.bed577df77",
        "test.dbt_bouncer_test_project.unique_customers_v3_customer_id_pk.0578038828",
        "test.dbt_bouncer_test_project.unique_orders_order_id_pk.7947023e79",
        "test.dbt_bouncer_test_project.unique_stg_payments_payment_id.3744510712",
        "unit_test.dbt_bouncer_test_project.customers.test_clv_logic_historical_v1",
        "unit_test.dbt_bouncer_test_project.customers.test_clv_logic_historical_v2",
        "unit_test.dbt_bouncer_test_project.customers.test_clv_logic_v3",
        "unit_test.dbt_bouncer_test_project.orders.test_amount_logic",
    ];

    // orders with eager indirect selection: orders plus the tests and unit tests in its child_map (12 ids).
    public static readonly string[] OrdersWithTests =
    [
        "model.dbt_bouncer_test_project.orders",
        "test.dbt_bouncer_test_project.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3",
        "test.dbt_bouncer_test_project.not_null_orders_amount.106140f9fd",
        "test.dbt_bouncer_test_project.not_null_orders_bank_transfer_amount.7743500c49",
        "test.dbt_bouncer_test_project.not_null_orders_coupon_amount.ab90c90625",
        "test.dbt_bouncer_test_project.not_null_orders_credit_card_amount.d3ca593b59",
        "test.dbt_bouncer_test_project.not_null_orders_customer_id_fk.0c1be9cbe2",
        "test.dbt_bouncer_test_project.not_null_orders_gift_card_amount.413a0d2d7a",
        "test.dbt_bouncer_test_project.not_null_orders_order_id_pk.802d53c310",
        "test.dbt_bouncer_test_project.relationships_orders_customer_id_fk__customer_id_pk__ref_customers_.c4baa7acc1",
        "test.dbt_bouncer_test_project.unique_orders_order_id_pk.7947023e79",
        "unit_test.dbt_bouncer_test_project.orders.test_amount_logic",
    ];

    // orders, cautious: tests whose depends_on.nodes are all selected (drops the relationships test that also needs customers.v3) (11 ids).
    public static readonly string[] OrdersWithCautiousTests =
    [
        "model.dbt_bouncer_test_project.orders",
        "test.dbt_bouncer_test_project.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3",
        "test.dbt_bouncer_test_project.not_null_orders_amount.106140f9fd",
        "test.dbt_bouncer_test_project.not_null_orders_bank_transfer_amount.7743500c49",
        "test.dbt_bouncer_test_project.not_null_orders_coupon_amount.ab90c90625",
        "test.dbt_bouncer_test_project.not_null_orders_credit_card_amount.d3ca593b59",
        "test.dbt_bouncer_test_project.not_null_orders_customer_id_fk.0c1be9cbe2",
        "test.dbt_bouncer_test_project.not_null_orders_gift_card_amount.413a0d2d7a",
        "test.dbt_bouncer_test_project.not_null_orders_order_id_pk.802d53c310",
        "test.dbt_bouncer_test_project.unique_orders_order_id_pk.7947023e79",
        "unit_test.dbt_bouncer_test_project.orders.test_amount_logic",
    ];

    // +orders minus orders, both eager: excluding orders also excludes its tests (and the relationships test) (10 ids).
    public static readonly string[] OrdersAncestorsWithoutOrders =
    [
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_payments",
        "seed.dbt_bouncer_test_project.raw_orders",
        "seed.dbt_bouncer_test_project.raw_payments",
        "test.dbt_bouncer_test_project.accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned.080fb20aad",
        "test.dbt_bouncer_test_project.accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card.3c3820f278",
        "test.dbt_bouncer_test_project.not_null_stg_orders_order_id.81cfe2fe64",
        "test.dbt_bouncer_test_project.not_null_stg_payments_payment_id.c19cc50075",
        "test.dbt_bouncer_test_project.unique_stg_orders_order_id.e3b841c71a",
        "test.dbt_bouncer_test_project.unique_stg_payments_payment_id.3744510712",
    ];

    // Every id in nodes, unit_tests, sources, parent_map and child_map.
    public const int AllGraphNodes = 131;

    // v12_jaffle_shop_snowflake_contracts, orders cautious: tests with all parents selected (6 ids).
    public static readonly string[] SnowflakeOrdersCautious =
    [
        "model.jaffle_shop.orders",
        "test.jaffle_shop.dbt_utils_expression_is_true_orders_order_items_subtotal_subtotal.b1416e07ec",
        "test.jaffle_shop.dbt_utils_expression_is_true_orders_order_total_subtotal_tax_paid.2aba85df92",
        "test.jaffle_shop.not_null_orders_order_id.cf6c17daed",
        "test.jaffle_shop.unique_orders_order_id.fed79b3a6e",
        "unit_test.jaffle_shop.orders.test_order_items_compute_to_bools_correctly",
    ];

    // orders buildable: tests whose parents are all selected or ancestors of orders (adds relationships to order_items) (7 ids).
    public static readonly string[] SnowflakeOrdersBuildable =
    [
        "model.jaffle_shop.orders",
        "test.jaffle_shop.dbt_utils_expression_is_true_orders_order_items_subtotal_subtotal.b1416e07ec",
        "test.jaffle_shop.dbt_utils_expression_is_true_orders_order_total_subtotal_tax_paid.2aba85df92",
        "test.jaffle_shop.not_null_orders_order_id.cf6c17daed",
        "test.jaffle_shop.relationships_order_items_order_id__order_id__ref_orders_.a799023ee8",
        "test.jaffle_shop.unique_orders_order_id.fed79b3a6e",
        "unit_test.jaffle_shop.orders.test_order_items_compute_to_bools_correctly",
    ];
}
