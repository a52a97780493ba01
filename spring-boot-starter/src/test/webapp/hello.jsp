<%@ page contentType="text/plain;charset=UTF-8" %>Hello <%= request.getParameter("name") %>, one and two make ${1 + 2}
