package insights

// DashboardQueries exposes the dashboard's log-widget queries to the tests, which check them on sample lines
// as they check the saved queries.
var DashboardQueries = dashboardQueries
