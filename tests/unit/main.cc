// Boost.Test entry point for all unit, golden, CLI and corpus suites.
#define BOOST_TEST_MODULE ccdafhir
#include <boost/test/unit_test.hpp>
